/**
 * gateway.ConflictingGatewayAnalyzer: two Gateways selecting the same workload must not listen on the same
 * port for overlapping hosts (IST0145).
 */
import { K } from '../kinds.js';
import { gatewayServers, selectorText } from '../gateway-servers.js';
import { hostsOverlap } from '../hosts.js';
import { M } from '../messages/index.js';
import type { Analyzer, PathSegment, Resource } from '../types.js';

interface Listener {
  gw: Resource;
  host: string;
  path: PathSegment[];
}

export const gatewayConflict: Analyzer = {
  meta: {
    name: 'gateway.ConflictingGatewayAnalyzer',
    description: 'Checks for Gateways on the same workload and port with overlapping hosts',
    inputs: [K.Gateway],
  },
  analyze(ctx) {
    // selector + port -> listeners; conflicts only between different Gateways.
    const groups = new Map<string, Listener[]>();
    for (const gw of ctx.all(K.Gateway)) {
      const selector = selectorText(gw);
      if (selector === '') continue;
      for (const server of gatewayServers(gw)) {
        if (server.port === undefined) continue;
        const key = `${selector}\u0000${server.port}`;
        const list = groups.get(key) ?? [];
        for (const host of server.hosts) list.push({ gw, host, path: [...server.path, 'hosts'] });
        groups.set(key, list);
      }
    }
    for (const [key, listeners] of groups) {
      const [selector, port] = key.split('\u0000') as [string, string];
      const exact = new Map<string, Listener[]>();
      const wild: Listener[] = [];
      for (const l of listeners) {
        if (l.host.startsWith('*')) wild.push(l);
        else exact.set(l.host, [...(exact.get(l.host) ?? []), l]);
      }
      const conflicts = new Map<Resource, { path: PathSegment[]; others: Set<Resource>; hosts: Set<string> }>();
      const note = (a: Listener, b: Listener) => {
        if (a.gw === b.gw) return;
        for (const [x, y] of [[a, b], [b, a]] as const) {
          const c = conflicts.get(x.gw) ?? { path: x.path, others: new Set(), hosts: new Set() };
          c.others.add(y.gw);
          c.hosts.add(x.host);
          conflicts.set(x.gw, c);
        }
      };
      for (const same of exact.values()) for (let i = 0; i < same.length; i++) for (let j = i + 1; j < same.length; j++) note(same[i]!, same[j]!);
      for (let i = 0; i < wild.length; i++) {
        const w = wild[i]!;
        for (let j = i + 1; j < wild.length; j++) if (hostsOverlap(w.host, wild[j]!.host)) note(w, wild[j]!);
        for (const [host, list] of exact) if (hostsOverlap(w.host, host)) for (const l of list) note(w, l);
      }
      for (const [gw, c] of conflicts) {
        const others = [...c.others].map((o) => `${o.namespace}/${o.name}`).sort();
        ctx.report({
          resource: gw,
          path: c.path,
          message: M.ConflictingGateways(others.join(','), selector, port, [...c.hosts].sort().join(',')),
          related: [...c.others].map((o) => ({ resource: o, path: ['spec', 'servers'], message: 'conflicting Gateway' })),
        });
      }
    }
  },
};
