/**
 * deprecation.DeprecationAnalyzer: deprecated fields and kinds, as Istio reports them (IST0002), at the field:
 * VirtualService fields replaced by others, a Sidecar's outboundTrafficPolicy.egressProxy (ignored), and the
 * Gateway API's ReferencePolicy CRD (renamed ReferenceGrant).
 */
import { K } from '../kinds.js';
import { num, rec, records, str } from '../fields.js';
import { M } from '../messages/index.js';
import type { Analyzer, PathSegment } from '../types.js';

export const deprecation: Analyzer = {
  meta: {
    name: 'deprecation.DeprecationAnalyzer',
    aliases: ['deprecation.FieldAnalyzer'],
    description: 'Checks for deprecated fields and kinds in Istio configuration',
    inputs: [K.VirtualService, K.Sidecar, K.CustomResourceDefinition],
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
        if ((num(rec(rec(route.fault).delay).percent) ?? 0) > 0) {
          ctx.report({ resource: vs, path: [...at, 'fault', 'delay', 'percent'], at: 'key', message: M.Deprecated('http.fault.delay.percent (replaced by http.fault.delay.percentage)') });
        }
      }
    }
    for (const sc of ctx.all(K.Sidecar)) {
      if (rec(sc.spec.outboundTrafficPolicy).egressProxy !== undefined) {
        ctx.report({ resource: sc, path: ['spec', 'outboundTrafficPolicy', 'egressProxy'], at: 'key', message: M.Deprecated('outboundTrafficPolicy.egressProxy (ignored)') });
      }
    }
    for (const crd of ctx.all(K.CustomResourceDefinition)) {
      if (str(crd.spec.group) === 'gateway.networking.k8s.io' && str(rec(crd.spec.names).kind) === 'ReferencePolicy') {
        ctx.report({ resource: crd, path: ['spec', 'names', 'kind'], message: M.Deprecated('ReferencePolicy (renamed ReferenceGrant; support will be removed)') });
      }
    }
  },
};
