/**
 * webhook.Analyzer: Istio's sidecar-injection webhooks must not overlap (a pod matched by two of them is injected
 * twice) and must point at a Service that exists (IST0139).
 */
import { rec, records, str, strings } from '../fields.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import { matches, parseSelector, type Selector } from '../selectors.js';
import type { Analyzer, Resource } from '../types.js';

interface Hook {
  id: string;
  config: Resource;
  index: number;
  namespaceSelector: Selector;
  objectSelector: Selector;
  service?: { namespace: string; name: string };
}

const REV = 'istio.io/rev';
const TAG = 'istio.io/tag';

/** Revisions a webhook configuration serves: its rev/tag labels and the revisions its selectors name. */
function revisionsOf(config: Resource): string[] {
  const revs = [config.labels[REV], config.labels[TAG]];
  for (const [w] of records(config.object.webhooks)) {
    for (const selector of [rec(w.namespaceSelector), rec(w.objectSelector)]) {
      revs.push(str(rec(selector.matchLabels)[REV]));
      for (const [e] of records(selector.matchExpressions)) if (str(e.key) === REV) revs.push(...strings(e.values).map(([v]) => v));
    }
  }
  return revs.filter((r): r is string => r !== undefined);
}

/** An Istio webhook configuration: it serves a revision, or one of its webhooks is named `...istio.io`. */
function isIstioInjector(config: Resource, revisions: readonly string[]): boolean {
  return revisions.length > 0 || records(config.object.webhooks).some(([w]) => (str(w.name) ?? '').endsWith('istio.io'));
}

export const webhook: Analyzer = {
  meta: {
    name: 'webhook.Analyzer',
    description: 'Checks that Istio injection webhooks do not overlap and refer to existing Services',
    inputs: [K.MutatingWebhookConfiguration, K.Service],
  },
  analyze(ctx) {
    const hooks: Hook[] = [];
    const revisions = new Set<string>();
    for (const config of ctx.all(K.MutatingWebhookConfiguration)) {
      const revs = revisionsOf(config);
      if (!isIstioInjector(config, revs)) continue;
      for (const rev of revs) revisions.add(rev);
      for (const [w, index] of records(config.object.webhooks)) {
        const svc = rec(rec(w.clientConfig).service);
        const name = str(svc.name);
        hooks.push({
          id: `${config.name}/${str(w.name) ?? `#${index}`}`,
          config,
          index,
          namespaceSelector: parseSelector(w.namespaceSelector),
          objectSelector: parseSelector(w.objectSelector),
          ...(name ? { service: { namespace: str(svc.namespace) ?? 'default', name } } : {}),
        });
      }
    }
    if (hooks.length === 0) return;

    // The label sets a namespace or a pod could carry to ask for injection (or not), for each revision too.
    const namespaceBase: Array<Record<string, string>> = [{}, { 'istio-injection': 'enabled' }, { 'istio-injection': 'disabled' }];
    const objectBase: Array<Record<string, string>> = [{}, { 'sidecar.istio.io/inject': 'true' }, { 'sidecar.istio.io/inject': 'false' }];
    const withRevisions = (base: Array<Record<string, string>>) => [...base, ...[...revisions].sort().flatMap((rev) => base.map((b) => ({ ...b, [REV]: rev })))];
    const namespaceLabels = withRevisions(namespaceBase);
    const objectLabels = withRevisions(objectBase);

    const reported = new Set<string>();
    for (const nl of namespaceLabels) {
      for (const ol of objectLabels) {
        const hits = hooks.filter((h) => matches(h.namespaceSelector, nl) && matches(h.objectSelector, ol));
        if (hits.length < 2) continue;
        for (const h of hits) {
          const others = hits.filter((o) => o !== h).map((o) => o.id).sort();
          const key = `${h.id}|${others.join(',')}`;
          if (reported.has(key)) continue;
          reported.add(key);
          ctx.report({
            resource: h.config,
            path: ['webhooks', h.index],
            message: M.InvalidWebhook(`Webhook overlaps with others: [${others.join(' ')}]. This may cause injection to occur twice.`),
          });
        }
      }
    }

    if (!ctx.complete) return; // a missing Service proves nothing without the whole cluster state
    for (const h of hooks) {
      if (!h.service || ctx.get(K.Service, h.service.namespace, h.service.name)) continue;
      ctx.report({
        resource: h.config,
        path: ['webhooks', h.index, 'clientConfig', 'service', 'name'],
        message: M.InvalidWebhook(`Injector refers to a control plane service that does not exist: ${h.service.namespace}/${h.service.name}.`),
      });
    }
  },
};
