/**
 * Resources that apply to workloads by label (Sidecar's `workloadSelector.labels`, the `selector.matchLabels`
 * of Telemetry and the security policies): their selector, and which pods of the mesh they select.
 */
import { rec, stringMap, str } from './fields.js';
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
 * A pod is in the mesh when it has a sidecar (or will get one: its namespace has injection on and it does not
 * opt out) or runs in ambient mode. Needs K.Namespace and K.Pod among the analyzer's inputs.
 */
export function podInMesh(ctx: AnalysisContext, pod: Resource): boolean {
  if (pod.annotations['sidecar.istio.io/status']) return true;
  const containers = (rec(pod.spec).containers as unknown[] | undefined) ?? [];
  if (Array.isArray(containers) && containers.some((c) => str(rec(c).name) === 'istio-proxy')) return true;
  const ns = ctx.get(K.Namespace, '', pod.namespace);
  const nsLabels = ns?.labels ?? {};
  if (pod.labels['istio.io/dataplane-mode'] === 'ambient' || (nsLabels['istio.io/dataplane-mode'] === 'ambient' && pod.labels['istio.io/dataplane-mode'] !== 'none')) return true;
  const optOut = pod.labels['sidecar.istio.io/inject'] === 'false' || pod.annotations['sidecar.istio.io/inject'] === 'false';
  if (optOut) return false;
  if (nsLabels['istio-injection'] === 'enabled' || (nsLabels['istio.io/rev'] && nsLabels['istio-injection'] !== 'disabled')) return true;
  return pod.labels['sidecar.istio.io/inject'] === 'true' || pod.labels['istio.io/rev'] !== undefined;
}

/**
 * Whether a workload's pods are in the sidecar mesh, as Istio's analyzers decide it from a pod template: an
 * istio-proxy container; else the template's `sidecar.istio.io/inject` label or annotation; else its namespace's
 * `istio-injection` label. Needs K.Namespace among the analyzer's inputs.
 */
export function templateInMesh(ctx: AnalysisContext, namespace: string, template: unknown): boolean {
  const meta = rec(rec(template).metadata);
  const containers = rec(rec(template).spec).containers;
  if (Array.isArray(containers) && containers.some((c) => str(rec(c).name) === 'istio-proxy')) return true;
  const inject = str(rec(meta.labels)['sidecar.istio.io/inject']) ?? str(rec(meta.annotations)['sidecar.istio.io/inject']);
  if (inject !== undefined && /^(true|false)$/i.test(inject)) return inject.toLowerCase() === 'true';
  const label = ctx.get(K.Namespace, '', namespace)?.labels['istio-injection'];
  return label === 'enabled';
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
