/**
 * annotations.K8sAnalyzer: annotations in Istio's domains must be known (IST0108), on the kind they apply to
 * (IST0107), with a usable value (IST0125), and not deprecated (IST0135).
 */
import { parse } from 'yaml';
import { isIstioKey, ISTIO_ANNOTATIONS, valueProblem } from '../istio-annotations.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';

/** Kinds whose annotations are checked; Istio's annotations live on these. */
const CHECKED = [
  K.AuthorizationPolicy,
  K.DaemonSet,
  K.Deployment,
  K.KubeGateway,
  K.Namespace,
  K.Pod,
  K.Secret,
  K.Service,
  K.StatefulSet,
];

export const annotationsK8s: Analyzer = {
  meta: {
    name: 'annotations.K8sAnalyzer',
    description: 'Checks Istio annotations: known, on the right kind, with a usable value, not deprecated',
    inputs: CHECKED,
  },
  analyze(ctx) {
    for (const kind of CHECKED) {
      for (const r of ctx.all(kind)) {
        for (const [key, value] of Object.entries(r.annotations)) {
          if (!isIstioKey(key)) continue;
          const path = ['metadata', 'annotations', key];
          const fact = ISTIO_ANNOTATIONS[key];
          if (!fact) {
            ctx.report({ resource: r, path, at: 'key', message: M.UnknownAnnotation(key) });
            continue;
          }
          if (!fact.kinds.includes('*') && !fact.kinds.includes(r.kind)) {
            ctx.report({ resource: r, path, at: 'key', message: M.MisplacedAnnotation(key, fact.kinds.join(', ')) });
            continue;
          }
          if (fact.replacedBy !== undefined) {
            ctx.report({ resource: r, path, at: 'key', message: M.DeprecatedAnnotation(key, fact.replacedBy ? ` (use ${fact.replacedBy} instead)` : '') });
          }
          const problem = valueProblem(fact.value, value, parse);
          if (problem) ctx.report({ resource: r, path, message: M.InvalidAnnotation(key, problem) });
        }
      }
    }
  },
};
