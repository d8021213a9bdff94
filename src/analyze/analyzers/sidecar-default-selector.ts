/**
 * sidecar.DefaultSelectorAnalyzer: a namespace may have only one Sidecar without a workload selector
 * (IST0111); with several, which one applies to its workloads is undefined.
 */
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer, Resource } from '../types.js';
import { policySelector } from '../workload-policies.js';

export const sidecarDefaultSelector: Analyzer = {
  meta: {
    name: 'sidecar.DefaultSelectorAnalyzer',
    description: 'Checks that a namespace has at most one Sidecar without a workload selector',
    inputs: [K.Sidecar],
  },
  analyze(ctx) {
    const byNamespace = new Map<string, Resource[]>();
    for (const sc of ctx.all(K.Sidecar)) {
      if (policySelector(sc)) continue;
      byNamespace.set(sc.namespace, [...(byNamespace.get(sc.namespace) ?? []), sc]);
    }
    for (const [ns, list] of byNamespace) {
      if (list.length < 2) continue;
      const names = list.map((s) => s.name).sort();
      for (const sc of list) ctx.report({ resource: sc, message: M.MultipleSidecarsWithoutWorkloadSelectors(names, ns) });
    }
  },
};
