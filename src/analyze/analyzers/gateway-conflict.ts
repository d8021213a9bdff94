/**
 * gateway.ConflictingGatewayAnalyzer: two Gateways for the same workload must not listen on the same port for
 * overlapping hosts (IST0145). "The same workload": equal selectors, or one selector within the other (a Gateway
 * selecting `istio=ingressgateway` also reaches the pods of one selecting `istio=ingressgateway,app=x`). A
 * selector that matches no pod is reported (IST0101) when the snapshot is the whole cluster state.
 */
import { K } from '../kinds.js';
import { gatewaySelector, gatewayServers, selectorText } from '../gateway-servers.js';
import { hostsOverlap } from '../hosts.js';
import { M } from '../messages/index.js';
import type { Analyzer, PathSegment, Resource } from '../types.js';

interface Listener {
  gw: Resource;
  host: string;
  path: PathSegment[];
}

interface Conflict {
  path: PathSegment[];
  others: Set<Resource>;
  hosts: Set<string>;
}

/** Every label of `inner` is in `outer`: pods `outer` selects are selected by `inner` as well. */
function within(inner: Record<string, string>, outer: Record<string, string>): boolean {
  return Object.entries(inner).every(([k, v]) => outer[k] === v);
}

/**
 * Calls `note` for each pair of listeners whose hosts overlap, indexed by exact host (no pairwise scan). Within one
 * list a pair may be noted twice, or a listener with itself: `note` ignores those.
 */
function overlapping(a: readonly Listener[], b: readonly Listener[], note: (x: Listener, y: Listener) => void): void {
  const exact = new Map<string, Listener[]>();
  const wild: Listener[] = [];
  for (const l of b) {
    if (l.host.startsWith('*')) wild.push(l);
    else exact.set(l.host, [...(exact.get(l.host) ?? []), l]);
  }
  for (const x of a) {
    if (x.host.startsWith('*')) {
      for (const [host, list] of exact) if (hostsOverlap(x.host, host)) for (const y of list) note(x, y);
    } else for (const y of exact.get(x.host) ?? []) note(x, y);
    for (const y of wild) if (hostsOverlap(x.host, y.host)) note(x, y);
  }
}

export const gatewayConflict: Analyzer = {
  meta: {
    name: 'gateway.ConflictingGatewayAnalyzer',
    description: 'Checks for Gateways on the same workload and port with overlapping hosts',
    inputs: [K.Gateway, K.Pod],
  },
  analyze(ctx) {
    // port -> selector text -> listeners
    const byPort = new Map<number, Map<string, { selector: Record<string, string>; listeners: Listener[] }>>();
    for (const gw of ctx.all(K.Gateway)) {
      const selector = gatewaySelector(gw);
      const text = selectorText(gw);
      if (text === '') continue;
      if (ctx.complete && ctx.withLabels(K.Pod, undefined, selector).length === 0) {
        ctx.report({ resource: gw, path: ['spec', 'selector'], message: M.ReferencedResourceNotFound('selector', text) });
        continue;
      }
      for (const server of gatewayServers(gw)) {
        if (server.port === undefined) continue;
        const groups = byPort.get(server.port) ?? new Map<string, { selector: Record<string, string>; listeners: Listener[] }>();
        byPort.set(server.port, groups);
        const group = groups.get(text) ?? { selector, listeners: [] };
        groups.set(text, group);
        for (const host of server.hosts) group.listeners.push({ gw, host, path: [...server.path, 'hosts'] });
      }
    }
    for (const [port, groups] of byPort) {
      const conflicts = new Map<Resource, Conflict>();
      const note = (a: Listener, b: Listener) => {
        if (a.gw === b.gw) return;
        for (const [x, y] of [[a, b], [b, a]] as const) {
          const c = conflicts.get(x.gw) ?? { path: x.path, others: new Set(), hosts: new Set() };
          c.others.add(y.gw);
          c.hosts.add(x.host);
          conflicts.set(x.gw, c);
        }
      };
      const list = [...groups.values()];
      for (const [i, a] of list.entries()) {
        overlapping(a.listeners, a.listeners, note);
        for (const b of list.slice(i + 1)) if (within(a.selector, b.selector) || within(b.selector, a.selector)) overlapping(a.listeners, b.listeners, note);
      }
      for (const [gw, c] of conflicts) {
        const others = [...c.others].map((o) => `${o.namespace}/${o.name}`).sort();
        ctx.report({
          resource: gw,
          path: c.path,
          message: M.ConflictingGateways(others.join(','), selectorText(gw), String(port), [...c.hosts].sort().join(',')),
          related: [...c.others].map((o) => ({ resource: o, path: ['spec', 'servers'], message: 'conflicting Gateway' })),
        });
      }
    }
  },
};
