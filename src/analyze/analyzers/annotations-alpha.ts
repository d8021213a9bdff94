/**
 * annotations.AlphaAnalyzer: Istio annotations of alpha-phase features on Namespaces, Services, Pods and
 * Deployments (IST0136, Info). Istio leaves it out of the default set: it runs only when named.
 */
import { ALPHA_ANNOTATIONS } from '../istio-annotations.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';

const CHECKED = [K.Namespace, K.Service, K.Pod, K.Deployment];

export const annotationsAlpha: Analyzer = {
  meta: {
    name: 'annotations.AlphaAnalyzer',
    description: 'Reports annotations of alpha-phase Istio features',
    inputs: CHECKED,
    optIn: true,
  },
  analyze(ctx) {
    for (const kind of CHECKED) {
      for (const r of ctx.all(kind)) {
        if (r.derivedFrom && ctx.complete) continue; // as Istio: a Deployment's own annotations, not its template's
        for (const key of Object.keys(r.annotations).sort()) {
          if (ALPHA_ANNOTATIONS.has(key)) ctx.report({ resource: r, path: ['metadata', 'annotations', key], at: 'key', message: M.AlphaAnnotation(key) });
        }
      }
    }
  },
};
