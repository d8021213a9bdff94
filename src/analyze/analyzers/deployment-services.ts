/**
 * deployment.MultiServiceAnalyzer: Services that select the same Deployment's pods must agree. One service
 * port number with different protocols (IST0116), or one targetPort reached from different service ports
 * (IST0137), makes Istio's listeners for those pods ambiguous. Only Deployments in the mesh are checked.
 */
import { num, rec, records, str } from '../fields.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import { servicePortProtocol } from '../protocols.js';
import { ServiceSelectorIndex } from '../services.js';
import type { Analyzer, RelatedRef, Resource } from '../types.js';
import { templateInMesh } from '../workload-policies.js';

/** Istio's protocol for a Service port, `UnsupportedProtocol` when undeclared (it will be sniffed). */
function portProtocol(port: { port?: number; name?: string; protocol?: string; appProtocol?: string }): string {
  if (port.protocol === 'SCTP') return 'SCTP';
  return servicePortProtocol(port)?.toUpperCase() ?? 'UnsupportedProtocol';
}

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

function templateLabels(deployment: Resource): Record<string, string> {
  const labels = rec(rec(rec(deployment.spec.template).metadata).labels);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v;
  return out;
}

export const deploymentServices: Analyzer = {
  meta: {
    name: 'deployment.MultiServiceAnalyzer',
    description: 'Checks that Services selecting the same Deployment agree on port protocols and target ports',
    inputs: [K.Deployment, K.Service, K.Namespace],
  },
  analyze(ctx) {
    const index = new ServiceSelectorIndex(ctx);
    for (const dep of ctx.all(K.Deployment)) {
      if (SYSTEM_NAMESPACES.has(dep.namespace) || !templateInMesh(ctx, dep.namespace, dep.spec.template)) continue;
      const services = index.selecting(dep.namespace, templateLabels(dep));
      if (services.length < 2) continue;
      // port number -> protocol -> services; targetPort -> port numbers -> services
      const protocols = new Map<number, Map<string, Array<{ svc: Resource; index: number }>>>();
      const targets = new Map<string, Map<number, Array<{ svc: Resource; index: number }>>>();
      for (const svc of services) {
        for (const [p, index] of records(svc.spec.ports)) {
          const port = num(p.port);
          if (port === undefined) continue;
          const protocol = portProtocol({ port, name: str(p.name), protocol: str(p.protocol), appProtocol: str(p.appProtocol) });
          const byProto = protocols.get(port) ?? new Map<string, Array<{ svc: Resource; index: number }>>();
          byProto.set(protocol, [...(byProto.get(protocol) ?? []), { svc, index }]);
          protocols.set(port, byProto);
          const target = p.targetPort === undefined ? String(port) : String(p.targetPort);
          const byPort = targets.get(target) ?? new Map<number, Array<{ svc: Resource; index: number }>>();
          byPort.set(port, [...(byPort.get(port) ?? []), { svc, index }]);
          targets.set(target, byPort);
        }
      }
      const related = (uses: Array<{ svc: Resource; index: number }>, what: string): RelatedRef[] =>
        uses.map((u) => ({ resource: u.svc, path: ['spec', 'ports', u.index], message: what }));
      for (const [port, byProto] of [...protocols].sort((a, b) => a[0] - b[0])) {
        if (byProto.size < 2) continue;
        const uses = [...byProto.values()].flat();
        const names = [...new Set(uses.map((u) => u.svc.name))].sort();
        ctx.report({
          resource: dep,
          path: ['spec', 'template', 'metadata', 'labels'],
          message: M.DeploymentAssociatedToMultipleServices(dep.name, port, names),
          related: related(uses, `port ${port} of this Service`),
        });
      }
      for (const [target, byPort] of [...targets].sort((a, b) => a[0].localeCompare(b[0]))) {
        if (byPort.size < 2) continue;
        const uses = [...byPort.values()].flat();
        const names = [...new Set(uses.map((u) => u.svc.name))].sort();
        ctx.report({
          resource: dep,
          path: ['spec', 'template', 'metadata', 'labels'],
          message: M.DeploymentConflictingPorts(dep.name, names, target, [...byPort.keys()].sort((a, b) => a - b)),
          related: related(uses, `targetPort ${target} of this Service`),
        });
      }
    }
  },
};
