/**
 * Pure: control-plane and data-plane versions from the objects the cluster returned.
 * istiod Deployments give the control plane (per revision); injected pods give the data plane.
 */
import type { KubeObject } from '../kube/types.js';

export interface ComponentVersion {
  component: 'istiod';
  revision: string;
  namespace: string;
  version: string;
  image: string;
}

export interface DataPlaneVersion {
  version: string;
  revision: string;
  proxies: number;
}

interface Container {
  name?: string;
  image?: string;
}

/** `docker.io/istio/pilot:1.31.4-distroless` -> `1.31.4-distroless`; digests and missing tags -> `unknown`. */
export function imageTag(image: string | undefined): string {
  if (!image) return 'unknown';
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? ref.slice(colon + 1) : 'unknown';
}

function containers(podSpec: unknown): Container[] {
  const spec = podSpec as { containers?: Container[]; initContainers?: Container[] } | undefined;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
}

export function controlPlaneVersions(deployments: readonly KubeObject[]): ComponentVersion[] {
  const out: ComponentVersion[] = [];
  for (const d of deployments) {
    const labels = d.metadata.labels ?? {};
    const spec = d.spec as { template?: { spec?: unknown } } | undefined;
    const discovery = containers(spec?.template?.spec).find((c) => c.name === 'discovery') ?? containers(spec?.template?.spec)[0];
    out.push({
      component: 'istiod',
      revision: labels['istio.io/rev'] ?? 'default',
      namespace: d.metadata.namespace ?? '',
      version: imageTag(discovery?.image),
      image: discovery?.image ?? '',
    });
  }
  return out.sort((a, b) => a.revision.localeCompare(b.revision) || a.namespace.localeCompare(b.namespace));
}

export function dataPlaneVersions(pods: readonly KubeObject[]): DataPlaneVersion[] {
  const counts = new Map<string, DataPlaneVersion>();
  for (const p of pods) {
    if (!p.metadata.annotations?.['sidecar.istio.io/status']) continue;
    const proxy = containers(p.spec).find((c) => c.name === 'istio-proxy');
    if (!proxy) continue;
    const version = imageTag(proxy.image);
    const revision = p.metadata.labels?.['istio.io/rev'] ?? p.metadata.annotations?.['istio.io/rev'] ?? 'default';
    const key = `${version}\u0000${revision}`;
    const entry = counts.get(key) ?? { version, revision, proxies: 0 };
    entry.proxies++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => a.version.localeCompare(b.version) || a.revision.localeCompare(b.revision));
}
