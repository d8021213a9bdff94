/**
 * virtualservice.ConflictingMeshGatewayHostsAnalyzer: two VirtualServices bound to the mesh gateway must not
 * claim the same host (IST0109); which one the sidecars use would be undefined.
 */
import { K } from '../kinds.js';
import { arr, strings } from '../fields.js';
import { fqdn } from '../hosts.js';
import { M } from '../messages/index.js';
import { boundGateways } from '../routes.js';
import type { Analyzer, Resource } from '../types.js';

/** Key under which a host is visible: private (`exportTo: ["."]`) VirtualServices only clash within their namespace. */
function scope(vs: Resource): string {
  const exportTo = arr(vs.spec.exportTo);
  return exportTo.length > 0 && exportTo.every((e) => e === '.' || e === vs.namespace) ? vs.namespace : '*';
}

export const virtualServiceConflictingMeshHosts: Analyzer = {
  meta: {
    name: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
    description: 'Checks that no two mesh-bound VirtualServices define the same host',
    inputs: [K.VirtualService],
  },
  analyze(ctx) {
    const byHost = new Map<string, Array<{ vs: Resource; index: number }>>();
    for (const vs of ctx.all(K.VirtualService)) {
      if (!boundGateways(vs).includes('mesh')) continue;
      for (const [h, index] of strings(vs.spec.hosts)) {
        const key = `${scope(vs)} ${fqdn(h, vs.namespace)}`;
        const list = byHost.get(key) ?? [];
        if (!list.some((e) => e.vs === vs)) list.push({ vs, index });
        byHost.set(key, list);
      }
    }
    for (const [key, list] of byHost) {
      if (list.length < 2) continue;
      const host = key.slice(key.indexOf(' ') + 1);
      const names = list.map((e) => `${e.vs.namespace}/${e.vs.name}`).join(',');
      for (const { vs, index } of list) {
        ctx.report({
          resource: vs,
          path: ['spec', 'hosts', index],
          message: M.ConflictingMeshGatewayVirtualServiceHosts(names, host),
          related: list.filter((o) => o.vs !== vs).map((o) => ({ resource: o.vs, path: ['spec', 'hosts', o.index], message: 'also defines this host' })),
        });
      }
    }
  },
};
