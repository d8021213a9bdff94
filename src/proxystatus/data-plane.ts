/**
 * Data-plane versions from what istiod reports (each connected proxy's ISTIO_VERSION, the revision of the
 * istiod it is connected to), in the shape `sailctl version` prints.
 */
import type { KubeObject } from '../kube/types.js';
import type { DataPlaneVersion } from '../versioninfo/collect.js';
import type { ProxySync } from './syncz.js';

export function dataPlaneFromSync(proxies: readonly ProxySync[], istiods: readonly KubeObject[]): DataPlaneVersion[] {
  const revisionOf = new Map(istiods.map((p) => [p.metadata.name ?? '', p.metadata.labels?.['istio.io/rev'] ?? 'default']));
  const counts = new Map<string, DataPlaneVersion>();
  for (const p of proxies) {
    const version = p.version || 'unknown';
    const revision = revisionOf.get(p.istiod) ?? 'default';
    const key = `${version}\u0000${revision}`;
    const entry = counts.get(key) ?? { version, revision, proxies: 0 };
    entry.proxies++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => a.version.localeCompare(b.version) || a.revision.localeCompare(b.revision));
}
