/**
 * virtualservice.IngressRouteRulesAnalyzer: a VirtualService bound only to gateways that routes to a host whose
 * mesh VirtualService splits traffic by subset does not get that split: mesh rules do not apply to requests
 * entering through the gateway (IST0140).
 */
import { K } from '../kinds.js';
import { strings } from '../fields.js';
import { fqdn } from '../hosts.js';
import { M } from '../messages/index.js';
import { boundGateways, destinations } from '../routes.js';
import type { Analyzer, Resource } from '../types.js';

export const virtualServiceIngressSubset: Analyzer = {
  meta: {
    name: 'virtualservice.IngressRouteRulesAnalyzer',
    description: 'Checks for subset routing in mesh VirtualServices that gateway traffic bypasses',
    inputs: [K.VirtualService],
  },
  analyze(ctx) {
    // Mesh VirtualServices that route by subset, by the hosts they define.
    const withSubsets = new Map<string, Resource[]>();
    for (const vs of ctx.all(K.VirtualService)) {
      if (!boundGateways(vs).includes('mesh')) continue;
      if (!destinations(vs, { mirrors: false }).some((d) => d.subset)) continue;
      for (const [h] of strings(vs.spec.hosts)) {
        const host = fqdn(h, vs.namespace);
        withSubsets.set(host, [...(withSubsets.get(host) ?? []), vs]);
      }
    }
    if (withSubsets.size === 0) return;
    for (const vs of ctx.all(K.VirtualService)) {
      if (boundGateways(vs).includes('mesh')) continue;
      for (const d of destinations(vs, { mirrors: false })) {
        if (d.subset) continue;
        for (const mesh of withSubsets.get(fqdn(d.host, vs.namespace)) ?? []) {
          ctx.report({
            resource: vs,
            path: [...d.path, 'host'],
            message: M.IngressRouteRulesNotAffected(`${mesh.namespace}/${mesh.name}`, `${vs.namespace}/${vs.name}`),
            related: [{ resource: mesh, path: ['spec', 'http'], message: 'subset routing that gateway traffic does not get' }],
          });
        }
      }
    }
  },
};
