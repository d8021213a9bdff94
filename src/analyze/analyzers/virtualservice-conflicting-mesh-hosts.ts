/**
 * virtualservice.ConflictingMeshGatewayHostsAnalyzer: two VirtualServices bound to the mesh gateway must not
 * claim overlapping hosts where both are visible (IST0109): which one the sidecars use would be undefined. A
 * VirtualService exported only to its own namespace clashes with those of that namespace and with those exported
 * everywhere; wildcards clash with the hosts they cover.
 */
import { K } from '../kinds.js';
import { arr, strings } from '../fields.js';
import { fqdn, hostsOverlap } from '../hosts.js';
import { M } from '../messages/index.js';
import { boundGateways } from '../routes.js';
import type { Analyzer, Resource } from '../types.js';

/** Where a VirtualService's hosts are visible: `*` when exported to every namespace (the default), else its own namespace. */
function scope(vs: Resource): string {
  const exportTo = arr(vs.spec.exportTo);
  return exportTo.length === 0 || exportTo.includes('*') ? '*' : vs.namespace;
}

interface Entry {
  vs: Resource;
  index: number;
  scope: string;
  host: string;
}

/** Both visible somewhere at once: the same scope, or one exported everywhere. */
function meet(a: Entry, b: Entry): boolean {
  return a.vs !== b.vs && (a.scope === b.scope || a.scope === '*' || b.scope === '*');
}

export const virtualServiceConflictingMeshHosts: Analyzer = {
  meta: {
    name: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
    description: 'Checks that no two mesh-bound VirtualServices define the same host',
    inputs: [K.VirtualService],
  },
  analyze(ctx) {
    const exact = new Map<string, Entry[]>();
    const wild: Entry[] = [];
    const entries: Entry[] = [];
    for (const vs of ctx.all(K.VirtualService)) {
      if (!boundGateways(vs).includes('mesh')) continue;
      for (const [h, index] of strings(vs.spec.hosts)) {
        const entry = { vs, index, scope: scope(vs), host: fqdn(h, vs.namespace) };
        entries.push(entry);
        if (entry.host.startsWith('*')) wild.push(entry);
        else exact.set(entry.host, [...(exact.get(entry.host) ?? []), entry]);
      }
    }
    // Hosts that overlap (equal, or covered by a wildcard): exact ones by index, wildcards against all.
    const clashes = new Map<Entry, Entry[]>();
    const note = (a: Entry, b: Entry) => {
      if (!meet(a, b)) return;
      clashes.set(a, [...(clashes.get(a) ?? []), b]);
      clashes.set(b, [...(clashes.get(b) ?? []), a]);
    };
    for (const list of exact.values()) for (const [i, a] of list.entries()) for (const b of list.slice(i + 1)) note(a, b);
    for (const [i, w] of wild.entries()) {
      for (const [host, list] of exact) if (hostsOverlap(w.host, host)) for (const e of list) note(w, e);
      for (const o of wild.slice(i + 1)) if (hostsOverlap(w.host, o.host)) note(w, o);
    }
    // One message per VirtualService, at its first clashing host, as Istio reports it.
    const reported = new Set<Resource>();
    for (const entry of entries) {
      const others = clashes.get(entry);
      if (!others || reported.has(entry.vs)) continue;
      reported.add(entry.vs);
      const group = [entry, ...others.filter((o, i) => others.findIndex((x) => x.vs === o.vs) === i)];
      ctx.report({
        resource: entry.vs,
        path: ['spec', 'hosts', entry.index],
        message: M.ConflictingMeshGatewayVirtualServiceHosts(group.map((e) => `${e.vs.namespace}/${e.vs.name}`).join(','), entry.host),
        related: group.slice(1).map((o) => ({ resource: o.vs, path: ['spec', 'hosts', o.index], message: 'also defines this host' })),
      });
    }
  },
};
