/**
 * injection.ImageAutoAnalyzer: `image: auto` is replaced only by Istio's injection webhook, so a Deployment using
 * it must be selected by one of Istio's injection webhooks (IST0146), and a Pod still using it was not injected
 * (IST0147).
 */
import { K } from '../kinds.js';
import { arr, rec, records, str } from '../fields.js';
import { M } from '../messages/index.js';
import { matches, parseSelector } from '../selectors.js';
import type { AnalysisContext, Analyzer, PathSegment, Resource } from '../types.js';

interface Hook {
  namespace: ReturnType<typeof parseSelector>;
  object: ReturnType<typeof parseSelector>;
}

function istioHooks(ctx: AnalysisContext): Hook[] {
  return ctx.all(K.MutatingWebhookConfiguration).flatMap((cfg) =>
    records(cfg.object.webhooks)
      .filter(([w]) => (str(w.name) ?? '').endsWith('sidecar-injector.istio.io') || cfg.name.startsWith('istio-sidecar-injector') || cfg.name.startsWith('istio-revision-tag'))
      .map(([w]) => ({ namespace: parseSelector(w.namespaceSelector), object: parseSelector(w.objectSelector) })),
  );
}

function autoImagePath(podSpec: unknown, prefix: PathSegment[]): PathSegment[] | undefined {
  const i = arr(rec(podSpec).containers).findIndex((c) => str(rec(c).image) === 'auto');
  return i >= 0 ? [...prefix, 'containers', i, 'image'] : undefined;
}

function namespaceLabels(ctx: AnalysisContext, ns: string): Record<string, string> {
  return { 'kubernetes.io/metadata.name': ns, ...(ctx.get(K.Namespace, '', ns)?.labels ?? {}) };
}

export const imageAuto: Analyzer = {
  meta: {
    name: 'injection.ImageAutoAnalyzer',
    description: 'Checks that workloads using `image: auto` are selected by an Istio injection webhook',
    inputs: [K.Namespace, K.Pod, K.Deployment, K.MutatingWebhookConfiguration],
  },
  analyze(ctx) {
    if (!ctx.complete) return; // without the webhooks, nothing can be said
    const hooks = istioHooks(ctx);
    const selected = (r: Resource, podLabels: Record<string, string>) =>
      hooks.some((h) => matches(h.namespace, namespaceLabels(ctx, r.namespace)) && matches(h.object, podLabels));
    for (const d of ctx.all(K.Deployment)) {
      const path = autoImagePath(rec(rec(d.spec.template).spec), ['spec', 'template', 'spec']);
      const labels = rec(rec(rec(d.spec.template).metadata).labels) as Record<string, string>;
      if (path && !selected(d, labels)) ctx.report({ resource: d, path, message: M.ImageAutoWithoutInjectionWarning('Deployment', d.name) });
    }
    // A running pod still on `image: auto` was not injected, whatever the webhooks say now.
    for (const pod of ctx.all(K.Pod)) {
      if (pod.derivedFrom) continue; // the workload itself is reported above
      const path = autoImagePath(pod.spec, ['spec']);
      if (path) ctx.report({ resource: pod, path, message: M.ImageAutoWithoutInjectionError('Pod', pod.name) });
    }
  },
};
