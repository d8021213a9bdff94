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

const AMBIENT_LABEL = 'istio.io/dataplane-mode';

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
      const legacy = ns.labels[INJECTION_LABEL];
      const revision = ns.labels[REVISION_LABEL];
      const multiple = () => ctx.report({ resource: ns, path: ['metadata', 'labels'], message: M.NamespaceMultipleInjectionLabels([INJECTION_LABEL, REVISION_LABEL, AMBIENT_LABEL].filter((l) => ns.labels[l] !== undefined)) });
      // Ambient namespaces get no sidecars: asking for them as well is the conflict; not asking is fine.
      if (ns.labels[AMBIENT_LABEL] === 'ambient') {
        if (legacy === 'enabled' || revision !== undefined) multiple();
        continue;
      }
      if (legacy === undefined && revision === undefined) {
        ctx.report({
          resource: ns,
          message: config.enableNamespacesByDefault ? M.NamespaceInjectionEnabledByDefault() : M.NamespaceNotInjected(ns.name, ns.name),
        });
        continue;
      }
      if (revision !== undefined && legacy === 'enabled') {
        multiple();
        continue;
      }
      // Any other value of the legacy label (`disabled`) deliberately turns injection off, whatever the revision label says.
      if (legacy !== undefined && legacy !== 'enabled') continue;
      if (!namespaceInjected(ns, ctx.mesh.revision)) continue;
      for (const pod of ctx.inNamespace(K.Pod, ns.name)) {
        // Templates never carry the proxy (it is added at admission); host-network pods are not injected.
        if (pod.derivedFrom || podOptedOut(pod) || pod.spec.hostNetwork === true || hasProxy(pod)) continue;
        ctx.report({ resource: pod, message: M.PodMissingProxy(`${pod.namespace}/${pod.name}`), related: [{ resource: ns, path: ['metadata', 'labels'], message: 'injection is enabled here' }] });
      }
    }
  },
};
