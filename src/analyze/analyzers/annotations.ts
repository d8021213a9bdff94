/**
 * annotations.K8sAnalyzer: annotations in Istio's domains on Namespaces, Services, Pods and Deployments must be
 * known (IST0108), not deprecated (IST0135), on the kind they apply to (IST0107), with a usable value (IST0125)
 * where Istio's injector validates the value.
 */
import { parse } from 'yaml';
import { isIstioKey, ISTIO_ANNOTATIONS, VALIDATED_ANNOTATIONS, valueProblem } from '../istio-annotations.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';

const INJECT = 'sidecar.istio.io/inject';

/** Kinds whose annotations are checked, as Istio checks them. */
const CHECKED = [K.Namespace, K.Service, K.Pod, K.Deployment];

/** Annotations Istio itself sets: never reported. */
const SET_BY_ISTIO = new Set(['sidecar.istio.io/status', 'gateway.istio.io/controller-version', 'istio.io/rev', 'ambient.istio.io/redirection']);

export const annotationsK8s: Analyzer = {
  meta: {
    name: 'annotations.K8sAnalyzer',
    description: 'Checks Istio annotations: known, on the right kind, with a usable value, not deprecated',
    inputs: CHECKED,
  },
  analyze(ctx) {
    for (const kind of CHECKED) {
      for (const r of ctx.all(kind)) {
        // A whole cluster state is read as Istio reads it: a Deployment's own annotations, not its template's.
        if (r.derivedFrom && ctx.complete) continue;
        for (const [key, value] of Object.entries(r.annotations)) {
          if (!isIstioKey(key) || SET_BY_ISTIO.has(key)) continue;
          const path = ['metadata', 'annotations', key];
          const fact = ISTIO_ANNOTATIONS[key];
          if (!fact) {
            ctx.report({ resource: r, path, at: 'key', message: M.UnknownAnnotation(key) });
            continue;
          }
          // The injection annotation beside its replacement label is kept on purpose (older control planes).
          if (fact.replacedBy !== undefined && !(key === INJECT && r.labels[INJECT] !== undefined)) {
            ctx.report({ resource: r, path, at: 'key', message: M.DeprecatedAnnotation(key, fact.replacedBy ? ` (use ${fact.replacedBy} instead)` : '') });
          }
          if (fact.kinds.includes('*')) continue;
          if (!fact.kinds.includes(r.kind)) {
            ctx.report({ resource: r, path, at: 'key', message: M.MisplacedAnnotation(key, fact.kinds.join(', ')) });
            continue;
          }
          const problem = VALIDATED_ANNOTATIONS.has(key) ? valueProblem(fact.value, value, parse) : undefined;
          if (problem) ctx.report({ resource: r, path, message: M.InvalidAnnotation(key, problem) });
        }
      }
    }
  },
};
