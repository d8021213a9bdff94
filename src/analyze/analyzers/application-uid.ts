/**
 * applicationUID.Analyzer: application containers must not run as UID 1337 (IST0144). Istio's iptables rules
 * exempt that UID (the proxy's) from redirection, so such a container's traffic silently bypasses the sidecar.
 */
import { num, rec, records, str } from '../fields.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import { isControlPlaneResource } from '../protocols.js';
import type { AnalysisContext, Analyzer, PathSegment, Resource } from '../types.js';

const PROXY_UID = 1337;


/** The first field that sets UID 1337: one message per resource, as Istio reports it. */
function checkPodSpec(ctx: AnalysisContext, resource: Resource, spec: Record<string, unknown>, prefix: readonly PathSegment[]): void {
  let path: PathSegment[] | undefined;
  if (num(rec(spec.securityContext).runAsUser) === PROXY_UID) path = [...prefix, 'securityContext', 'runAsUser'];
  for (const [c, i] of records(spec.containers)) {
    if (path) break;
    if (['istio-proxy', 'istio-operator'].includes(str(c.name) ?? '')) continue;
    if (num(rec(c.securityContext).runAsUser) === PROXY_UID) path = [...prefix, 'containers', i, 'securityContext', 'runAsUser'];
  }
  if (path) ctx.report({ resource, path, message: M.InvalidApplicationUID() });
}

export const applicationUid: Analyzer = {
  meta: {
    name: 'applicationUID.Analyzer',
    description: 'Checks that application containers do not run as UID 1337, the proxy\'s',
    inputs: [K.Pod, K.Deployment],
  },
  analyze(ctx) {
    for (const pod of ctx.all(K.Pod)) {
      // Pods made from a Deployment's template are checked through the Deployment below.
      if (pod.derivedFrom?.resource.kindId === K.Deployment) continue;
      if (isControlPlaneResource(pod.labels)) continue;
      checkPodSpec(ctx, pod, rec(pod.spec) as Record<string, unknown>, ['spec']);
    }
    for (const dep of ctx.all(K.Deployment)) {
      const template = rec(dep.spec.template);
      if (isControlPlaneResource(dep.labels)) continue;
      checkPodSpec(ctx, dep, rec(template.spec) as Record<string, unknown>, ['spec', 'template', 'spec']);
    }
  },
};
