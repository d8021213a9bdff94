/**
 * Resources that apply to workloads by label (Sidecar's `workloadSelector.labels`, the `selector.matchLabels`
 * of Telemetry and the security policies): their selector, and which pods of the mesh they select.
 */
import { arr, rec, stringMap, str } from './fields.js';
import { K } from './kinds.js';
import type { AnalysisContext, PathSegment, Resource } from './types.js';

export interface PolicySelector {
  labels: Record<string, string>;
  /** Where the selector is written (`spec.workloadSelector` or `spec.selector`). */
  path: readonly PathSegment[];
}

/** The selector of a policy-like resource, or undefined when it applies to its whole namespace. */
export function policySelector(r: Resource): PolicySelector | undefined {
  if (r.kindId === K.Sidecar) {
    const labels = stringMap(rec(r.spec.workloadSelector).labels);
    return Object.keys(labels).length > 0 ? { labels, path: ['spec', 'workloadSelector'] } : undefined;
  }
  const labels = stringMap(rec(r.spec.selector).matchLabels);
  return Object.keys(labels).length > 0 ? { labels, path: ['spec', 'selector'] } : undefined;
}

/** The mesh's root namespace (`meshConfig.rootNamespace`, else the control plane's namespace). */
export function rootNamespace(ctx: AnalysisContext): string {
  return str(ctx.mesh.meshConfig.rootNamespace) ?? ctx.mesh.istioNamespace;
}

/**
 * Whether a workload is in the sidecar mesh, as Istio's analyzers decide it: an istio-proxy container (or native
 * sidecar); else its `sidecar.istio.io/inject` label or annotation; else its namespace's `istio-injection` label.
 * Needs K.Namespace among the analyzer's inputs.
 */
function inMesh(ctx: AnalysisContext, namespace: string, meta: Readonly<Record<string, unknown>>, spec: Readonly<Record<string, unknown>>): boolean {
  const containers = [...arr(spec.containers), ...arr(spec.initContainers)];
  if (containers.some((c) => str(rec(c).name) === 'istio-proxy')) return true;
  const inject = str(rec(meta.labels)['sidecar.istio.io/inject']) ?? str(rec(meta.annotations)['sidecar.istio.io/inject']);
  if (inject !== undefined && /^(true|false)$/i.test(inject)) return inject.toLowerCase() === 'true';
  return ctx.get(K.Namespace, '', namespace)?.labels['istio-injection'] === 'enabled';
}

/** A pod in the mesh: with a sidecar (or to get one, see `inMesh`), or in ambient mode (redirected to ztunnel). */
export function podInMesh(ctx: AnalysisContext, pod: Resource): boolean {
  if (pod.annotations['ambient.istio.io/redirection'] === 'enabled') return true;
  return inMesh(ctx, pod.namespace, { labels: pod.labels, annotations: pod.annotations }, pod.spec);
}

/** A workload's pod template in the mesh (see `inMesh`). */
export function templateInMesh(ctx: AnalysisContext, namespace: string, template: unknown): boolean {
  return inMesh(ctx, namespace, rec(rec(template).metadata), rec(rec(template).spec));
}

export interface SelectionResult {
  /** Policies with a selector that matches no pod of their namespace. */
  unmatched: Array<{ policy: Resource; selector: PolicySelector }>;
  /** For each selected pod, the policies selecting it (in snapshot order). */
  byPod: Map<Resource, Resource[]>;
}

/** Matches the selectors of `policies` against the pods of their own namespace (indexed label lookups). */
export function selectPods(ctx: AnalysisContext, policies: readonly Resource[]): SelectionResult {
  const unmatched: SelectionResult['unmatched'] = [];
  const byPod = new Map<Resource, Resource[]>();
  for (const policy of policies) {
    const selector = policySelector(policy);
    if (!selector) continue;
    const pods = ctx.withLabels(K.Pod, policy.namespace, selector.labels);
    if (pods.length === 0) unmatched.push({ policy, selector });
    for (const pod of pods) byPod.set(pod, [...(byPod.get(pod) ?? []), policy]);
  }
  return { unmatched, byPod };
}

/** `app=reviews,version=v1` as Kubernetes prints a selector. */
export function selectorText(selector: PolicySelector): string {
  return Object.keys(selector.labels)
    .sort()
    .map((k) => `${k}=${selector.labels[k]}`)
    .join(',');
}
