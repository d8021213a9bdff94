/**
 * sidecar.SelectorAnalyzer: a Sidecar's workload selector must select pods of its namespace (IST0101), no pod
 * may be selected by two Sidecars (IST0110), and a Sidecar selecting only ambient-mode pods has no effect
 * (IST0167): ambient workloads have no sidecar proxy to configure.
 */
import { combineAnalyzers } from '../combine.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { AnalysisContext, Analyzer, Resource } from '../types.js';
import { podInMesh, selectPods, selectorText } from '../workload-policies.js';
import { sidecarDefaultSelector } from './sidecar-default-selector.js';

/** The selector checks alone (IST0101, IST0110, IST0167). */
export const sidecarSelectorChecks: Analyzer = {
  meta: {
    name: 'sidecar.SelectorAnalyzer',
    description: 'Checks that Sidecar workload selectors select pods, do not conflict, and do not target ambient pods',
    inputs: [K.Sidecar, K.Pod, K.Namespace],
  },
  analyze(ctx) {
    if (!ctx.complete) return; // absent pods prove nothing without the whole cluster state
    const { unmatched, byPod } = selectPods(ctx, ctx.all(K.Sidecar));
    for (const { policy, selector } of unmatched) {
      ctx.report({ resource: policy, path: selector.path, message: M.ReferencedResourceNotFound('selector', selectorText(selector)) });
    }
    const reportedAmbient = new Set<string>();
    for (const [pod, sidecars] of byPod) {
      if (sidecars.length > 1) {
        const names = sidecars.map((s) => s.name).sort();
        for (const sc of sidecars) {
          ctx.report({
            resource: sc,
            path: ['spec', 'workloadSelector'],
            message: M.ConflictingSidecarWorkloadSelectors(names, pod.namespace, pod.name),
            related: [{ resource: pod, message: 'the pod both select' }],
          });
        }
      }
    }
    // A Sidecar whose every selected pod runs in ambient mode configures nothing.
    const selectedBy = new Map<string, { sc: Resource; ambient: boolean[] }>();
    for (const [pod, sidecars] of byPod) {
      const ambient = podInMesh(ctx, pod) && isAmbient(ctx, pod);
      for (const sc of sidecars) {
        const entry = selectedBy.get(sc.key) ?? { sc, ambient: [] };
        entry.ambient.push(ambient);
        selectedBy.set(sc.key, entry);
      }
    }
    for (const { sc, ambient } of selectedBy.values()) {
      if (ambient.length === 0 || !ambient.every(Boolean) || reportedAmbient.has(sc.key)) continue;
      reportedAmbient.add(sc.key);
      ctx.report({ resource: sc, path: ['spec', 'workloadSelector'], message: M.IneffectivePolicy('the selected workloads run in ambient mode, where Sidecar resources do not apply') });
    }
  },
};

/** Istio's sidecar.SelectorAnalyzer: the selector checks and, per namespace, at most one Sidecar without selector (IST0111). */
export const sidecarSelector: Analyzer = combineAnalyzers(
  {
    name: 'sidecar.SelectorAnalyzer',
    description: 'Checks Sidecar workload selectors: they select pods, do not conflict, do not target ambient pods, and a namespace has one default',
    aliases: ['sidecar.DefaultSelectorAnalyzer'],
  },
  [sidecarSelectorChecks, sidecarDefaultSelector],
);

function isAmbient(ctx: AnalysisContext, pod: Resource): boolean {
  if (pod.annotations['sidecar.istio.io/status']) return false;
  const mode = pod.labels['istio.io/dataplane-mode'] ?? ctx.get(K.Namespace, '', pod.namespace)?.labels['istio.io/dataplane-mode'];
  return mode === 'ambient';
}
