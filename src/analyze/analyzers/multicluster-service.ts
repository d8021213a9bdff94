/**
 * services.MultiClusterServiceAnalyzer: in a multi-cluster mesh a Service of the same namespace and name is
 * one service across clusters, so its definition must agree: type, ports (name, number, protocol) and whether it
 * selects pods (IST0170). Reads the other clusters given with `--remote-contexts`.
 */
import { num, records, str } from '../fields.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import { serviceSelector } from '../services.js';
import type { Analyzer, Resource } from '../types.js';

function shape(svc: Resource): { type: string; ports: string; selects: boolean } {
  const ports = records(svc.spec.ports)
    .map(([p]) => `${str(p.name) ?? ''}/${num(p.port) ?? '?'}/${str(p.protocol) ?? 'TCP'}`)
    .sort()
    .join(',');
  return { type: str(svc.spec.type) ?? 'ClusterIP', ports, selects: Object.keys(serviceSelector(svc)).length > 0 };
}

export const multiClusterService: Analyzer = {
  meta: {
    name: 'services.MultiClusterServiceAnalyzer',
    aliases: ['multicluster.MultiClusterServiceAnalyzer'],
    description: 'Checks that a Service is defined alike in every cluster of a multi-cluster mesh',
    inputs: [K.Service],
  },
  analyze(ctx) {
    const remotes = ctx.remoteClusters(K.Service);
    if (remotes.length === 0) return;
    const byKey = remotes.map((r) => ({ cluster: r.cluster, services: new Map(r.resources.map((s) => [`${s.namespace}/${s.name}`, s])) }));
    for (const svc of ctx.all(K.Service)) {
      const mine = shape(svc);
      const problems = new Map<string, string[]>();
      for (const remote of byKey) {
        const other = remote.services.get(`${svc.namespace}/${svc.name}`);
        if (!other) continue;
        const theirs = shape(other);
        if (theirs.type !== mine.type) problems.set('service type differs', [...(problems.get('service type differs') ?? []), remote.cluster]);
        if (theirs.ports !== mine.ports) problems.set('ports differ', [...(problems.get('ports differ') ?? []), remote.cluster]);
        if (theirs.selects !== mine.selects) problems.set('one selects pods and the other does not', [...(problems.get('one selects pods and the other does not') ?? []), remote.cluster]);
      }
      for (const [what, clusters] of problems) {
        ctx.report({ resource: svc, path: what === 'ports differ' ? ['spec', 'ports'] : ['spec'], message: M.MultiClusterInconsistentService(svc.name, svc.namespace, clusters.sort(), what) });
      }
    }
  },
};
