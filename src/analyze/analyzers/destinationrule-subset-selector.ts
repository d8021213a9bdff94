/**
 * destinationrule.SubsetSelectorAnalyzer: each subset of a DestinationRule for a Kubernetes Service must
 * select at least one of the Service's pods (IST0173), or requests routed to it fail with 503.
 */
import { combineAnalyzers } from '../combine.js';
import { K } from '../kinds.js';
import { records, str, stringMap } from '../fields.js';
import { M } from '../messages/index.js';
import { ServiceIndex, serviceSelector } from '../services.js';
import type { Analyzer } from '../types.js';
import { destinationRuleHost } from './destinationrule-host.js';

/** The subset check alone (IST0173). */
export const destinationRuleSubsetChecks: Analyzer = {
  meta: {
    name: 'destinationrule.SubsetSelectorAnalyzer',
    description: 'Checks that DestinationRule subsets select pods of their service',
    inputs: [K.DestinationRule, K.Service, K.Pod],
  },
  analyze(ctx) {
    if (!ctx.complete) return; // absent pods prove nothing without the whole cluster state
    const services = new ServiceIndex(ctx, { services: true, serviceEntries: false });
    for (const dr of ctx.all(K.DestinationRule)) {
      const host = str(dr.spec.host);
      if (!host) continue;
      const svc = services.kubeService(host, dr.namespace);
      if (!svc) continue;
      const base = serviceSelector(svc.resource);
      if (Object.keys(base).length === 0) continue; // selector-less Services have manual endpoints
      for (const [subset, i] of records(dr.spec.subsets)) {
        const labels = stringMap(subset.labels);
        if (Object.keys(labels).length === 0) continue;
        if (ctx.withLabels(K.Pod, svc.resource.namespace, { ...base, ...labels }).length > 0) continue;
        ctx.report({
          resource: dr,
          path: ['spec', 'subsets', i, 'labels'],
          message: M.DestinationRuleSubsetNotSelectPods(str(subset.name) ?? `#${i}`),
          related: [{ resource: svc.resource, path: ['spec', 'selector'], message: 'the selector of the service' }],
        });
      }
    }
  },
};

/** Istio's destinationrule.SubsetSelectPodAnalyzer. */
export const destinationRuleSubsetSelector: Analyzer = combineAnalyzers(
  {
    name: 'destinationrule.SubsetSelectPodAnalyzer',
    description: 'Checks that a DestinationRule host is a known service and that its subsets select pods',
    aliases: ['destinationrule.SubsetSelectorAnalyzer', 'destinationrule.HostAnalyzer'],
  },
  [destinationRuleHost, destinationRuleSubsetChecks],
);
