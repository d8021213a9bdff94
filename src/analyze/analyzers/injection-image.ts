/**
 * injection.ImageAnalyzer: pods in injected namespaces should run the proxy image injection gives today;
 * others were injected by an older control plane and need a restart (IST0158, on the namespace). Each namespace
 * is compared with the injector of its revision (`istio.io/rev`), and the expected image carries the pod's
 * image type (`distroless`, `debug`) from its effective proxy config, as the injector would write it; the plain
 * image is accepted too, as Istio accepts it.
 */
import { parse } from 'yaml';
import { K } from '../kinds.js';
import { arr, isRecord, rec, str } from '../fields.js';
import { injectorConfig, INJECTION_LABEL, PROXY_CONTAINER, REVISION_LABEL } from '../injection-config.js';
import { M } from '../messages/index.js';
import { matches, parseSelector } from '../selectors.js';
import type { AnalysisContext, Analyzer, Resource } from '../types.js';
import { rootNamespace } from '../workload-policies.js';

const IMAGE_TYPES = ['default', 'debug', 'distroless'];

function proxyImage(pod: Resource): string | undefined {
  const all = [...arr(pod.spec.containers), ...arr(pod.spec.initContainers)];
  const proxy = all.find((c) => str(rec(c).name) === PROXY_CONTAINER);
  return proxy === undefined ? undefined : str(rec(proxy).image);
}

/** `hub/proxyv2:1.3.1` with image type `distroless` -> `hub/proxyv2:1.3.1-distroless` (a type suffix already there is replaced). */
export function withImageType(image: string, type: string | undefined): string {
  const colon = image.lastIndexOf(':');
  if (!type || colon < 0 || colon < image.lastIndexOf('/')) return image;
  let tag = image.slice(colon + 1);
  const old = IMAGE_TYPES.find((t) => tag.endsWith(`-${t}`));
  if (old) tag = tag.slice(0, -old.length - 1);
  return `${image.slice(0, colon + 1)}${tag}${type === 'default' ? '' : `-${type}`}`;
}

function imageTypeOf(config: unknown): string | undefined {
  return str(rec(rec(config).image).imageType);
}

/** The image type of a pod's effective proxy config: mesh default < root ProxyConfig < namespace < workload < annotations. */
function podImageType(ctx: AnalysisContext, pod: Resource): string | undefined {
  let type = imageTypeOf(rec(ctx.get(K.MeshConfig, ctx.mesh.istioNamespace, 'meshconfig')?.spec).defaultConfig);
  const scoped = (ns: string, withSelector: boolean) =>
    ctx.inNamespace(K.ProxyConfig, ns).filter((pc) => (pc.spec.selector !== undefined) === withSelector && (!withSelector || matches(parseSelector(pc.spec.selector), pod.labels)));
  const root = rootNamespace(ctx);
  for (const pc of [...scoped(root, false), ...(pod.namespace !== root ? scoped(pod.namespace, false) : []), ...scoped(pod.namespace, true)]) {
    type = imageTypeOf(pc.spec) ?? type;
  }
  const annotation = pod.annotations['proxy.istio.io/config'];
  if (annotation !== undefined) {
    try {
      const parsed: unknown = parse(annotation);
      if (isRecord(parsed)) type = imageTypeOf(parsed) ?? type;
    } catch {
      // an unparseable annotation is the annotations analyzer's business
    }
  }
  return pod.annotations['sidecar.istio.io/proxyImageType'] ?? type;
}

export const injectionImage: Analyzer = {
  meta: {
    name: 'injection.ImageAnalyzer',
    description: 'Checks that injected pods run the proxy image of the current injection configuration',
    inputs: [K.Namespace, K.Pod, K.ConfigMap, K.MeshConfig, K.ProxyConfig],
  },
  analyze(ctx) {
    for (const ns of ctx.all(K.Namespace)) {
      const revision = ns.labels[REVISION_LABEL];
      if (revision === undefined && ns.labels[INJECTION_LABEL] !== 'enabled') continue;
      const wanted = injectorConfig(ctx, revision ?? 'default').proxyImage;
      if (!wanted) continue;
      const stale = ctx
        .inNamespace(K.Pod, ns.name)
        .filter((pod) => !pod.derivedFrom && !pod.annotations['sidecar.istio.io/proxyImage'])
        .filter((pod) => {
          const image = proxyImage(pod);
          // The plain image, or the one of the pod's image type, as Istio accepts either.
          return image !== undefined && image !== wanted && image !== withImageType(wanted, podImageType(ctx, pod));
        });
      if (stale.length === 0) continue;
      ctx.report({
        resource: ns,
        message: M.PodsIstioProxyImageMismatchInNamespace(stale.map((p) => p.name)),
        related: stale.slice(0, 20).map((p) => ({ resource: p, message: `runs ${proxyImage(p)}, injection now uses ${withImageType(wanted, podImageType(ctx, p))}` })),
      });
    }
  },
};
