/**
 * injection.Analyzer: namespaces say whether they want sidecars (IST0102, or IST0148 when the mesh injects by
 * default), with one injection label only (IST0123); pods in injected namespaces have the proxy (IST0103).
 */
import { K } from '../kinds.js';
import { arr, rec, str } from '../fields.js';
import { INJECTION_LABEL, injectorConfig, namespaceInjected, podOptedOut, PROXY_CONTAINER, REVISION_LABEL } from '../injection-config.js';
import { M } from '../messages/index.js';
import { isSystemNamespace } from '../protocols.js';
import type { Analyzer, Resource } from '../types.js';

function hasProxy(pod: Resource): boolean {
  const names = [...arr(pod.spec.containers), ...arr(pod.spec.initContainers)].map((c) => str(rec(c).name));
  return names.includes(PROXY_CONTAINER);
}

export const injection: Analyzer = {
  meta: {
    name: 'injection.Analyzer',
    description: 'Checks namespace injection labels and that pods in injected namespaces have the sidecar',
    inputs: [K.Namespace, K.Pod, K.ConfigMap],
  },
  analyze(ctx) {
    const config = injectorConfig(ctx);
    for (const ns of ctx.all(K.Namespace)) {
      if (isSystemNamespace(ns.name, ctx.mesh.istioNamespace)) continue;
      const labels = [INJECTION_LABEL, REVISION_LABEL].filter((l) => ns.labels[l] !== undefined);
      if (labels.length > 1) {
        ctx.report({ resource: ns, path: ['metadata', 'labels'], message: M.NamespaceMultipleInjectionLabels(labels) });
        continue;
      }
      if (labels.length === 0) {
        ctx.report({
          resource: ns,
          message: config.enableNamespacesByDefault ? M.NamespaceInjectionEnabledByDefault() : M.NamespaceNotInjected(ns.name, ns.name),
        });
        continue;
      }
      if (!namespaceInjected(ns, ctx.mesh.revision)) continue;
      for (const pod of ctx.inNamespace(K.Pod, ns.name)) {
        // Templates never carry the proxy (it is added at admission); host-network pods are not injected.
        if (pod.derivedFrom || podOptedOut(pod) || pod.spec.hostNetwork === true || hasProxy(pod)) continue;
        ctx.report({ resource: pod, message: M.PodMissingProxy(pod.name), related: [{ resource: ns, path: ['metadata', 'labels'], message: 'injection is enabled here' }] });
      }
    }
  },
};
