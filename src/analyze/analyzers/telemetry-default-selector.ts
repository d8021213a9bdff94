/**
 * telemetry.DefaultSelectorAnalyzer: a namespace may have only one Telemetry without a selector (IST0160).
 */
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer, Resource } from '../types.js';

export const telemetryDefaultSelector: Analyzer = {
  meta: {
    name: 'telemetry.DefaultSelectorAnalyzer',
    description: 'Checks that a namespace has at most one Telemetry without a selector',
    inputs: [K.Telemetry],
  },
  analyze(ctx) {
    const byNamespace = new Map<string, Resource[]>();
    for (const t of ctx.all(K.Telemetry)) {
      // A selector (even an empty one, as Istio reads it) or targetRef(s) make it not the namespace default.
      if (t.spec.selector !== undefined || t.spec.targetRef !== undefined || t.spec.targetRefs !== undefined) continue;
      byNamespace.set(t.namespace, [...(byNamespace.get(t.namespace) ?? []), t]);
    }
    for (const [ns, list] of byNamespace) {
      if (list.length < 2) continue;
      const names = list.map((t) => t.name).sort();
      for (const t of list) ctx.report({ resource: t, message: M.MultipleTelemetriesWithoutWorkloadSelectors(names, ns) });
    }
  },
};
