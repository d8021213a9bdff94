/**
 * webhook.Analyzer: Istio's sidecar-injection webhooks must not overlap (a pod matched by two of them is injected
 * twice) and must point at a Service that exists (IST0139).
 */
import { rec, records, str } from '../fields.js';
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

function isIstioInjector(config: Resource): boolean {
  if (config.labels[REV] !== undefined) return true;
  return records(config.object.webhooks).some(([w]) => (str(w.name) ?? '').endsWith('sidecar-injector.istio.io'));
}

export const webhook: Analyzer = {
  meta: {
    name: 'webhook.Analyzer',
    description: 'Checks that Istio injection webhooks do not overlap and refer to existing Services',
    inputs: [K.MutatingWebhookConfiguration, K.Namespace, K.Pod, K.Service],
  },
  analyze(ctx) {
    const hooks: Hook[] = [];
    const revisions = new Set<string>();
    for (const config of ctx.all(K.MutatingWebhookConfiguration)) {
      if (!isIstioInjector(config)) continue;
      const rev = config.labels[REV];
      if (rev) revisions.add(rev);
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

    // Label sets a namespace or a pod could carry: the real ones, plus the ones the injector's selectors use.
    const namespaceLabels: Array<Record<string, string>> = [{}, { 'istio-injection': 'enabled' }, { 'istio-injection': 'disabled' }];
    const objectLabels: Array<Record<string, string>> = [{}, { 'sidecar.istio.io/inject': 'true' }, { 'sidecar.istio.io/inject': 'false' }];
    for (const rev of [...revisions].sort()) {
      namespaceLabels.push({ [REV]: rev });
      objectLabels.push({ [REV]: rev }, { [REV]: rev, 'sidecar.istio.io/inject': 'true' });
    }
    for (const ns of ctx.all(K.Namespace)) namespaceLabels.push({ ...ns.labels });
    for (const pod of ctx.all(K.Pod)) objectLabels.push({ ...pod.labels });

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
