/**
 * injection.ImageAnalyzer: pods in injected namespaces should run the proxy image injection gives today;
 * others were injected by an older control plane and need a restart (IST0158, on the namespace).
 */
import { K } from '../kinds.js';
import { arr, rec, str } from '../fields.js';
import { injectorConfig, namespaceInjected, PROXY_CONTAINER } from '../injection-config.js';
import { M } from '../messages/index.js';
import type { Analyzer, Resource } from '../types.js';

function proxyImage(pod: Resource): string | undefined {
  const all = [...arr(pod.spec.containers), ...arr(pod.spec.initContainers)];
  const proxy = all.find((c) => str(rec(c).name) === PROXY_CONTAINER);
  return proxy === undefined ? undefined : str(rec(proxy).image);
}

export const injectionImage: Analyzer = {
  meta: {
    name: 'injection.ImageAnalyzer',
    description: 'Checks that injected pods run the proxy image of the current injection configuration',
    inputs: [K.Namespace, K.Pod, K.ConfigMap],
  },
  analyze(ctx) {
    const wanted = injectorConfig(ctx).proxyImage;
    if (!wanted) return;
    for (const ns of ctx.all(K.Namespace)) {
      if (!namespaceInjected(ns, ctx.mesh.revision)) continue;
      const stale = ctx
        .inNamespace(K.Pod, ns.name)
        .filter((pod) => !pod.derivedFrom && pod.annotations['sidecar.istio.io/proxyImage'] === undefined)
        .filter((pod) => {
          const image = proxyImage(pod);
          return image !== undefined && image !== wanted;
        });
      if (stale.length === 0) continue;
      ctx.report({
        resource: ns,
        message: M.PodsIstioProxyImageMismatchInNamespace(stale.map((p) => p.name)),
        related: stale.slice(0, 20).map((p) => ({ resource: p, message: `runs ${proxyImage(p)}, injection now uses ${wanted}` })),
      });
    }
  },
};
