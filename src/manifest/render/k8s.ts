/**
 * `components.<name>.k8s` (IstioOperator KubernetesResourcesSpec) applied to a rendered Deployment/DaemonSet,
 * Service, HPA and PDB, then its `k8s.overlays` patches. What could not be applied produces a warning from the caller.
 */
import type { KubeObject } from '../../kube/types.js';
import { isTree, overlay, type Tree } from '../merge.js';
import { applyK8sOverlays } from './k8s-overlays.js';

function podSpec(workload: KubeObject): Tree | undefined {
  const spec = workload.spec;
  if (!isTree(spec) || !isTree(spec.template) || !isTree(spec.template.spec)) return undefined;
  return spec.template.spec;
}

/** Mutates `objects` in place with the k8s settings of one component. Returns settings it could not apply. */
export function applyK8sSettings(objects: KubeObject[], k8s: Tree): string[] {
  const ignored: string[] = [];
  for (const obj of objects) {
    const spec = isTree(obj.spec) ? obj.spec : undefined;
    if (!spec) continue;
    if (obj.kind === 'Deployment' || obj.kind === 'DaemonSet') {
      const pod = podSpec(obj);
      const template = spec.template as Tree;
      const container = Array.isArray(pod?.containers) && isTree(pod.containers[0]) ? pod.containers[0] : undefined;
      if (!pod || !container) continue;
      if (typeof k8s.replicaCount === 'number' && obj.kind === 'Deployment') spec.replicas = k8s.replicaCount;
      if (isTree(k8s.strategy) && obj.kind === 'Deployment') spec.strategy = k8s.strategy;
      if (isTree(k8s.resources)) container.resources = k8s.resources;
      if (isTree(k8s.readinessProbe)) container.readinessProbe = k8s.readinessProbe;
      if (typeof k8s.imagePullPolicy === 'string') container.imagePullPolicy = k8s.imagePullPolicy;
      if (Array.isArray(k8s.env)) {
        const env = Array.isArray(container.env) ? (container.env as Tree[]) : [];
        for (const e of k8s.env.filter(isTree)) {
          const at = env.findIndex((x) => x.name === e.name);
          if (at >= 0) env[at] = e;
          else env.push(e);
        }
        container.env = env;
      }
      if (Array.isArray(k8s.volumeMounts)) container.volumeMounts = [...((container.volumeMounts as unknown[]) ?? []), ...k8s.volumeMounts];
      if (Array.isArray(k8s.volumes)) pod.volumes = [...((pod.volumes as unknown[]) ?? []), ...k8s.volumes];
      if (isTree(k8s.nodeSelector)) pod.nodeSelector = k8s.nodeSelector;
      if (Array.isArray(k8s.tolerations)) pod.tolerations = k8s.tolerations;
      if (isTree(k8s.affinity)) pod.affinity = k8s.affinity;
      if (typeof k8s.priorityClassName === 'string') pod.priorityClassName = k8s.priorityClassName;
      if (isTree(k8s.securityContext)) pod.securityContext = k8s.securityContext;
      if (isTree(k8s.podAnnotations)) {
        const m = (template.metadata ??= {}) as Tree;
        m.annotations = { ...(isTree(m.annotations) ? m.annotations : {}), ...k8s.podAnnotations };
      }
    } else if (obj.kind === 'Service') {
      if (isTree(k8s.service)) obj.spec = overlay(spec, k8s.service);
      if (isTree(k8s.serviceAnnotations)) obj.metadata.annotations = { ...obj.metadata.annotations, ...(k8s.serviceAnnotations as Record<string, string>) };
    } else if (obj.kind === 'HorizontalPodAutoscaler' && isTree(k8s.hpaSpec)) {
      obj.spec = overlay(spec, k8s.hpaSpec);
    } else if (obj.kind === 'PodDisruptionBudget' && isTree(k8s.podDisruptionBudget)) {
      obj.spec = overlay(spec, k8s.podDisruptionBudget);
    }
  }
  ignored.push(...applyK8sOverlays(objects, k8s.overlays));
  return ignored;
}
