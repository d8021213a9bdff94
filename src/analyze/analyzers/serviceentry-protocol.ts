/**
 * serviceentry.ConflictingServiceEntryProtocolAnalyzer: ServiceEntries that declare the same host and port must agree on the
 * protocol (IST0177); otherwise which listener Envoy builds depends on which object istiod saw first.
 */
import { num, records, str, strings } from '../fields.js';
import { fqdn } from '../hosts.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer, Resource } from '../types.js';

interface Use {
  se: Resource;
  portIndex: number;
  protocol: string;
}

export const serviceEntryProtocol: Analyzer = {
  meta: {
    name: 'serviceentry.ConflictingServiceEntryProtocolAnalyzer',
    aliases: ['serviceentry.ProtocolConflictAnalyzer'],
    description: 'Checks that ServiceEntries declaring the same host and port agree on its protocol',
    inputs: [K.ServiceEntry],
  },
  analyze(ctx) {
    const byHostPort = new Map<string, { host: string; port: number; uses: Use[] }>();
    for (const se of ctx.all(K.ServiceEntry)) {
      const ports = records(se.spec.ports).flatMap(([p, i]) => {
        const number = num(p.number);
        return number === undefined ? [] : [{ number, i, protocol: (str(p.protocol) ?? 'TCP').toUpperCase() }];
      });
      for (const [h] of strings(se.spec.hosts)) {
        const host = fqdn(h, se.namespace);
        for (const p of ports) {
          const key = `${host}:${p.number}`;
          const entry = byHostPort.get(key) ?? { host, port: p.number, uses: [] };
          entry.uses.push({ se, portIndex: p.i, protocol: p.protocol });
          byHostPort.set(key, entry);
        }
      }
    }
    for (const { host, port, uses } of [...byHostPort.values()].sort((a, b) => a.host.localeCompare(b.host) || a.port - b.port)) {
      const protocols = [...new Set(uses.map((u) => u.protocol))].sort();
      if (protocols.length < 2) continue;
      const names = [...new Set(uses.map((u) => `${u.se.namespace}/${u.se.name}`))].sort().join(', ');
      for (const use of uses) {
        ctx.report({
          resource: use.se,
          path: ['spec', 'ports', use.portIndex],
          message: M.ConflictingServiceEntryProtocol(names, host, port, protocols.join(', ')),
          related: uses
            .filter((o) => o.se !== use.se)
            .map((o) => ({ resource: o.se, path: ['spec', 'ports', o.portIndex], message: `declares ${o.protocol} for ${host}:${port}` })),
        });
      }
    }
  },
};
