/**
 * virtualservice.DestinationRuleAnalyzer: a route to a subset needs a DestinationRule for that host that
 * defines the subset (IST0101 "host+subset").
 */
import { K } from '../kinds.js';
import { records, str } from '../fields.js';
import { fqdn, hostCovers } from '../hosts.js';
import { M } from '../messages/index.js';
import { destinations } from '../routes.js';
import type { Analyzer, Resource } from '../types.js';

interface RuleSubsets {
  rule: Resource;
  host: string;
  subsets: Set<string>;
}

export const virtualServiceDestinationRule: Analyzer = {
  meta: {
    name: 'virtualservice.DestinationRuleAnalyzer',
    description: 'Checks that subsets used by VirtualService routes are defined by a DestinationRule',
    inputs: [K.VirtualService, K.DestinationRule],
  },
  analyze(ctx) {
    const exact = new Map<string, RuleSubsets[]>();
    const wildcard: RuleSubsets[] = [];
    for (const dr of ctx.all(K.DestinationRule)) {
      const h = str(dr.spec.host);
      if (!h) continue;
      const entry = { rule: dr, host: fqdn(h, dr.namespace), subsets: new Set(records(dr.spec.subsets).flatMap(([s]) => (str(s.name) ? [s.name as string] : []))) };
      if (entry.host.startsWith('*')) wildcard.push(entry);
      else exact.set(entry.host, [...(exact.get(entry.host) ?? []), entry]);
    }
    for (const vs of ctx.all(K.VirtualService)) {
      for (const d of destinations(vs)) {
        if (!d.subset) continue;
        const host = fqdn(d.host, vs.namespace);
        const rules = [...(exact.get(host) ?? []), ...wildcard.filter((w) => hostCovers(w.host, host))];
        if (!rules.some((r) => r.subsets.has(d.subset as string))) {
          ctx.report({
            resource: vs,
            path: [...d.path, 'subset'],
            message: M.ReferencedResourceNotFound(d.mirror ? 'mirror+subset in destinationrule' : 'host+subset in destinationrule', `${d.host}+${d.subset}`),
            related: rules.map((r) => ({ resource: r.rule, path: ['spec', 'subsets'], message: `DestinationRule for ${r.host} without subset ${d.subset}` })),
          });
        }
      }
    }
  },
};
