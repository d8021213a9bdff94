/**
 * `analyze --use-kube`: lists only the kinds the selected analyzers read (all namespaces, paginated by the
 * client, with its per-request timeout), concurrently, plus the mesh ConfigMap. Kinds the server does not
 * serve (CRDs not installed) are skipped. The whole collection is bounded by `--timeout`.
 */
import { kindInfo, K } from '../analyze/kinds.js';
import { ClusterError } from '../errors.js';
import { KubeApiError } from '../kube/errors.js';
import type { KubeClient, KubeObject } from '../kube/types.js';

export interface ClusterState {
  objects: KubeObject[];
  /** Kind ids not served by the API server. */
  notServed: string[];
  /** Kind ids we may not list (403): analysis goes on without them. */
  forbidden: string[];
  /** The context's namespace (default namespace for file objects). */
  namespace: string;
}

const CONCURRENCY = 8;

async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ClusterError(`timed out after ${ms / 1000}s ${what}`, { details: ['Raise --timeout, or analyze files only with --use-kube=false.'] })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function collectClusterState(
  kube: KubeClient,
  kindIds: readonly string[],
  options: { timeoutMs: number; istioNamespace: string; revision: string },
): Promise<ClusterState> {
  const work = async (): Promise<ClusterState> => {
    const notServed: string[] = [];
    const forbidden: string[] = [];
    const lists = await pool(kindIds, CONCURRENCY, async (id) => {
      const info = kindInfo(id);
      if (!info || info.synthetic) return [];
      const served = await kube.resourceFor(info.apiVersion, info.kind);
      if (!served) {
        notServed.push(id);
        return [];
      }
      let list;
      try {
        list = await kube.list(info.apiVersion, info.kind);
      } catch (err) {
        if (err instanceof KubeApiError && err.status === 403) {
          forbidden.push(id);
          return [];
        }
        throw err;
      }
      return list.items.map((o) => ({ ...o, apiVersion: o.apiVersion ?? info.apiVersion, kind: o.kind ?? info.kind }));
    });
    const objects = lists.flat();
    // The mesh config lives in a ConfigMap; fetch it even when no analyzer lists ConfigMaps.
    if (!kindIds.includes(K.ConfigMap)) {
      const name = options.revision && options.revision !== 'default' ? `istio-${options.revision}` : 'istio';
      const cm = await kube.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: options.istioNamespace, name });
      if (cm) objects.push({ ...cm, apiVersion: 'v1', kind: 'ConfigMap' });
    }
    return { objects, notServed: notServed.sort(), forbidden: forbidden.sort(), namespace: kube.namespace };
  };
  return withTimeout(work(), options.timeoutMs, 'reading the cluster state');
}
