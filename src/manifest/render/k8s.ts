/**
 * `components.<name>.k8s` (IstioOperator KubernetesResourcesSpec) applied to a rendered Deployment/DaemonSet,
 * Service, HPA and PDB, then its `k8s.overlays` patches. As Istio does, each setting is a strategic merge patch:
 * maps merge key by key, lists of named things (env, volumes, mounts, ports) merge by their key, other lists
 * and scalars replace, and a null removes the field. What could not be applied produces a warning from the caller.
 */
import type { KubeObject } from '../../kube/types.js';
import { cloneData, isTree, type Tree } from '../merge.js';
import { applyK8sOverlays } from './k8s-overlays.js';

/** The merge key of list fields that Kubernetes merges element by element (its patchMergeKey). */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  ports: 'port',
};

/** `patch` laid on `base` with strategic-merge rules; `field` is the name base is held under. */
export function strategicMerge(base: unknown, patch: unknown, field = ''): unknown {
  if (isTree(base) && isTree(patch)) {
    const out: Tree = cloneData(base);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete out[k];
      else out[k] = k in out ? strategicMerge(out[k], v, k) : cloneData(v);
    }
    return out;
  }
  const key = MERGE_KEYS[field];
  if (key && Array.isArray(base) && Array.isArray(patch)) {
    const out = cloneData(base);
    for (const item of patch) {
      const at = isTree(item) ? out.findIndex((x) => isTree(x) && x[key] === item[key]) : -1;
      if (at >= 0) out[at] = strategicMerge(out[at], item, field);
      else out.push(cloneData(item));
    }
    return out;
  }
  return cloneData(patch);
}

function mergeInto(holder: Tree, field: string, patch: unknown): void {
  holder[field] = strategicMerge(holder[field], patch, field);
}

function podParts(workload: KubeObject): { template: Tree; pod: Tree; container: Tree } | undefined {
  const spec = workload.spec;
  if (!isTree(spec) || !isTree(spec.template) || !isTree(spec.template.spec)) return undefined;
  const pod = spec.template.spec;
  const container = Array.isArray(pod.containers) && isTree(pod.containers[0]) ? pod.containers[0] : undefined;
  return container ? { template: spec.template, pod, container } : undefined;
}

const CONTAINER_FIELDS = ['env', 'envFrom', 'imagePullPolicy', 'readinessProbe', 'resources', 'volumeMounts'] as const;
const POD_FIELDS = ['affinity', 'nodeSelector', 'priorityClassName', 'securityContext', 'tolerations', 'volumes'] as const;

function patchWorkload(obj: KubeObject, spec: Tree, k8s: Tree): void {
  const parts = podParts(obj);
  if (!parts) return;
  const { template, pod, container } = parts;
  if (k8s.replicaCount !== undefined && obj.kind === 'Deployment') spec.replicas = k8s.replicaCount;
  if (isTree(k8s.strategy) && obj.kind === 'Deployment') mergeInto(spec, 'strategy', k8s.strategy);
  for (const f of CONTAINER_FIELDS) if (k8s[f] !== undefined) mergeInto(container, f, k8s[f]);
  for (const f of POD_FIELDS) if (k8s[f] !== undefined) mergeInto(pod, f, k8s[f]);
  if (isTree(k8s.podAnnotations)) mergeInto((template.metadata ??= {}) as Tree, 'annotations', k8s.podAnnotations);
}

/** A PDB has one bound: setting maxUnavailable drops minAvailable and the other way round. */
function patchPdb(spec: Tree, patch: Tree): Tree {
  const merged = strategicMerge(spec, patch) as Tree;
  if (patch.maxUnavailable !== undefined && patch.minAvailable === undefined) delete merged.minAvailable;
  if (patch.minAvailable !== undefined && patch.maxUnavailable === undefined) delete merged.maxUnavailable;
  return merged;
}

/** Mutates `objects` in place with the k8s settings of one component. Returns settings it could not apply. */
export function applyK8sSettings(objects: KubeObject[], k8s: Tree): string[] {
  for (const obj of objects) {
    const spec = isTree(obj.spec) ? obj.spec : undefined;
    if (!spec) continue;
    if (obj.kind === 'Deployment' || obj.kind === 'DaemonSet') patchWorkload(obj, spec, k8s);
    else if (obj.kind === 'Service') {
      if (isTree(k8s.service)) obj.spec = strategicMerge(spec, k8s.service) as Tree;
      if (isTree(k8s.serviceAnnotations)) obj.metadata.annotations = { ...obj.metadata.annotations, ...(k8s.serviceAnnotations as Record<string, string>) };
    } else if (obj.kind === 'HorizontalPodAutoscaler' && isTree(k8s.hpaSpec)) obj.spec = strategicMerge(spec, k8s.hpaSpec) as Tree;
    else if (obj.kind === 'PodDisruptionBudget' && isTree(k8s.podDisruptionBudget)) obj.spec = patchPdb(spec, k8s.podDisruptionBudget);
  }
  return applyK8sOverlays(objects, k8s.overlays);
}

/** The replicas a component runs with at least: what decides whether it gets a PodDisruptionBudget. */
export function minReplicas(k8s: Tree, autoscale: boolean, autoscaleMin: unknown, replicaCount: unknown): number {
  const hpaMin = isTree(k8s.hpaSpec) ? k8s.hpaSpec.minReplicas : undefined;
  return autoscale ? Number(hpaMin ?? autoscaleMin ?? 1) : Number(k8s.replicaCount ?? replicaCount ?? 1);
}
