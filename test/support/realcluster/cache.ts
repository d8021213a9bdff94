/**
 * What the simulated node and istiod see of the real cluster: a cache kept by list+watch of the kinds they
 * read, with the same list/get shape as the loopback server's store, so the Istio simulation reads both alike.
 */
import type { KubeObject } from '../../../src/kube/types.js';
import type { ApiObject, RealClient } from './client.js';

/** apiVersion/kind -> the cluster-wide collection path. */
const PATHS: Record<string, string> = {
  'v1/Pod': '/api/v1/pods',
  'v1/Service': '/api/v1/services',
  'v1/Namespace': '/api/v1/namespaces',
  'v1/Node': '/api/v1/nodes',
  'v1/ServiceAccount': '/api/v1/serviceaccounts',
  'apps/v1/Deployment': '/apis/apps/v1/deployments',
  'apps/v1/DaemonSet': '/apis/apps/v1/daemonsets',
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations',
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations',
  'networking.istio.io/v1/DestinationRule': '/apis/networking.istio.io/v1/destinationrules',
};

export type CacheEvent = { type: 'ADDED' | 'MODIFIED' | 'DELETED'; key: string; object: KubeObject };

export class ClusterCache {
  private readonly maps = new Map<string, Map<string, KubeObject>>();
  private readonly listeners = new Set<(kind: string, ev: CacheEvent) => void>();
  private readonly synced = new Set<string>();

  constructor(client: RealClient, kinds: string[] = Object.keys(PATHS)) {
    for (const kind of kinds) {
      const path = PATHS[kind];
      if (!path) throw new Error(`the real-cluster cache does not know ${kind}`);
      const map = new Map<string, KubeObject>();
      this.maps.set(kind, map);
      const keyOf = (o: ApiObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
      client.watch(path, (type, obj) => {
        if (type === 'SYNC') {
          const items = (obj as unknown as { items: ApiObject[] }).items;
          const seen = new Set(items.map(keyOf));
          for (const [key, old] of map) if (!seen.has(key)) { map.delete(key); this.emit(kind, { type: 'DELETED', key, object: old }); }
          for (const item of items) this.put(kind, map, keyOf(item), item);
          this.synced.add(kind);
          return;
        }
        const key = keyOf(obj);
        if (type === 'DELETED') {
          map.delete(key);
          this.emit(kind, { type, key, object: obj as KubeObject });
        } else this.put(kind, map, key, obj);
      });
    }
  }

  private put(kind: string, map: Map<string, KubeObject>, key: string, obj: ApiObject): void {
    const old = map.get(key);
    if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    const [group, version] = kind.split('/').length === 3 ? kind.split('/') : ['', kind.split('/')[0]];
    const apiVersion = group ? `${group}/${version}` : (version as string);
    const object = { ...obj, apiVersion, kind: kind.split('/').pop() } as KubeObject;
    map.set(key, object);
    this.emit(kind, { type: old ? 'MODIFIED' : 'ADDED', key, object });
  }

  private emit(kind: string, ev: CacheEvent): void {
    for (const l of this.listeners) {
      try {
        l(kind, ev);
      } catch {
        // a listener's failure is its own; the cache keeps going
      }
    }
  }

  /** Calls `fn` for every change (kind is `apiVersion/Kind`). Returns the unsubscribe function. */
  onChange(fn: (kind: string, ev: CacheEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  isSynced(kind: string): boolean {
    return this.synced.has(kind);
  }

  list(apiVersion: string, kind: string, namespace?: string): KubeObject[] {
    const map = this.maps.get(`${apiVersion}/${kind}`);
    if (!map) throw new Error(`the real-cluster cache does not watch ${apiVersion}/${kind}`);
    const all = [...map.values()];
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  get(ref: { apiVersion: string; kind: string; namespace?: string; name: string }): KubeObject | undefined {
    return this.maps.get(`${ref.apiVersion}/${ref.kind}`)?.get(`${ref.namespace ?? ''}/${ref.name}`);
  }
}
