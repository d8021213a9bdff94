/**
 * sidecar.SelectorAnalyzer: a Sidecar's workload selector must select pods of its namespace (IST0101), no pod
 * may be selected by two Sidecars (IST0110), and a Sidecar selecting a pod in ambient mode (ztunnel redirection
 * enabled) has no effect there (IST0167): ambient workloads have no sidecar proxy to configure.
 */
import { combineAnalyzers } from '../combine.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer, Resource } from '../types.js';
import { selectPods, selectorText } from '../workload-policies.js';
import { sidecarDefaultSelector } from './sidecar-default-selector.js';

/** The selector checks alone (IST0101, IST0110, IST0167). */
export const sidecarSelectorChecks: Analyzer = {
  meta: {
    name: 'sidecar.SelectorAnalyzer',
    description: 'Checks that Sidecar workload selectors select pods, do not conflict, and do not target ambient pods',
    inputs: [K.Sidecar, K.Pod],
  },
  analyze(ctx) {
    if (!ctx.complete) return; // absent pods prove nothing without the whole cluster state
    const { unmatched, byPod } = selectPods(ctx, ctx.all(K.Sidecar));
    for (const { policy, selector } of unmatched) {
      ctx.report({ resource: policy, path: selector.path, message: M.ReferencedResourceNotFound('selector', selectorText(selector)) });
    }
    const reportedAmbient = new Set<string>();
    for (const [pod, sidecars] of byPod) {
      // A pod in ambient mode has no sidecar proxy: a Sidecar selecting it configures nothing there.
      if (isAmbient(pod)) {
        for (const sc of sidecars) {
          if (reportedAmbient.has(sc.key)) continue;
          reportedAmbient.add(sc.key);
          ctx.report({
            resource: sc,
            path: ['spec', 'workloadSelector'],
            message: M.IneffectivePolicy('the selected workloads run in ambient mode, where Sidecar resources do not apply'),
            related: [{ resource: pod, message: 'a pod in ambient mode' }],
          });
        }
        continue;
      }
      if (sidecars.length < 2) continue;
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

/** As Istio tells it: ztunnel redirection is enabled on the pod. */
function isAmbient(pod: Resource): boolean {
  return pod.annotations['ambient.istio.io/redirection'] === 'enabled';
}
