/**
 * telemetry.SelectorAnalyzer: a Telemetry's selector must select pods of its namespace (IST0101), and no pod may
 * be selected by two Telemetries (IST0159): which one applies would be undefined.
 */
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';
import { selectPods, selectorText } from '../workload-policies.js';

export const telemetrySelector: Analyzer = {
  meta: {
    name: 'telemetry.SelectorAnalyzer',
    description: 'Checks that Telemetry selectors select pods and that no pod is selected twice',
    inputs: [K.Telemetry, K.Pod],
  },
  analyze(ctx) {
    if (!ctx.complete) return; // absent pods prove nothing without the whole cluster state
    const { unmatched, byPod } = selectPods(ctx, ctx.all(K.Telemetry));
    for (const { policy, selector } of unmatched) {
      ctx.report({ resource: policy, path: selector.path, message: M.ReferencedResourceNotFound('selector', selectorText(selector)) });
    }
    for (const [pod, telemetries] of byPod) {
      if (telemetries.length < 2) continue;
      const names = telemetries.map((t) => t.name).sort();
      for (const t of telemetries) {
        ctx.report({
          resource: t,
          path: ['spec', 'selector'],
          message: M.ConflictingTelemetryWorkloadSelectors(names, pod.namespace, pod.name),
          related: [{ resource: pod, message: 'the pod they all select' }],
        });
      }
    }
  },
};
