/**
 * deprecation.DeprecationAnalyzer: fields Istio has deprecated in favour of others (IST0002), at the field.
 */
import { K } from '../kinds.js';
import { rec, records } from '../fields.js';
import { M } from '../messages/index.js';
import type { Analyzer, PathSegment } from '../types.js';

export const deprecation: Analyzer = {
  meta: {
    name: 'deprecation.DeprecationAnalyzer',
    aliases: ['deprecation.FieldAnalyzer'],
    description: 'Checks for deprecated fields in Istio resources',
    inputs: [K.VirtualService, K.DestinationRule],
  },
  analyze(ctx) {
    for (const vs of ctx.all(K.VirtualService)) {
      for (const [route, i] of records(vs.spec.http)) {
        const at: PathSegment[] = ['spec', 'http', i];
        if (route.mirrorPercent !== undefined) {
          ctx.report({ resource: vs, path: [...at, 'mirrorPercent'], at: 'key', message: M.Deprecated('http.mirrorPercent (replaced by http.mirrorPercentage)') });
        }
        if (rec(route.corsPolicy).allowOrigin !== undefined) {
          ctx.report({ resource: vs, path: [...at, 'corsPolicy', 'allowOrigin'], at: 'key', message: M.Deprecated('http.corsPolicy.allowOrigin (replaced by http.corsPolicy.allowOrigins)') });
        }
        if (rec(rec(route.fault).delay).percent !== undefined) {
          ctx.report({ resource: vs, path: [...at, 'fault', 'delay', 'percent'], at: 'key', message: M.Deprecated('http.fault.delay.percent (replaced by http.fault.delay.percentage)') });
        }
      }
    }
    for (const dr of ctx.all(K.DestinationRule)) {
      const policies: Array<[unknown, PathSegment[]]> = [[dr.spec.trafficPolicy, ['spec', 'trafficPolicy']]];
      for (const [subset, i] of records(dr.spec.subsets)) policies.push([subset.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy']]);
      for (const [policy, at] of policies) {
        if (rec(rec(policy).outlierDetection).consecutiveErrors !== undefined) {
          ctx.report({
            resource: dr,
            path: [...at, 'outlierDetection', 'consecutiveErrors'],
            at: 'key',
            message: M.Deprecated('outlierDetection.consecutiveErrors (replaced by outlierDetection.consecutive5xxErrors)'),
          });
        }
        if (rec(rec(rec(policy).loadBalancer).consistentHash).minimumRingSize !== undefined) {
          ctx.report({
            resource: dr,
            path: [...at, 'loadBalancer', 'consistentHash', 'minimumRingSize'],
            at: 'key',
            message: M.Deprecated('loadBalancer.consistentHash.minimumRingSize (replaced by loadBalancer.consistentHash.ringHash.minimumRingSize)'),
          });
        }
      }
    }
  },
};
