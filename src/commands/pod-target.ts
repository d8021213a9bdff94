/**
 * `POD`, `POD.NAMESPACE` or `TYPE/NAME[.NAMESPACE]` (deployment, statefulset, daemonset, replicaset, service,
 * pod) to one pod, as istioctl resolves its proxy arguments. An unknown name is a usage error (64) that
 * lists the pods with similar names in that namespace.
 */
import { UsageError } from '../errors.js';
import type { KubeClient, KubeObject } from '../kube/types.js';

export interface PodTarget {
  namespace: string;
  pod: string;
  object: KubeObject;
}

const KINDS: Record<string, { apiVersion: string; kind: string }> = {
  deployment: { apiVersion: 'apps/v1', kind: 'Deployment' },
  deployments: { apiVersion: 'apps/v1', kind: 'Deployment' },
  deploy: { apiVersion: 'apps/v1', kind: 'Deployment' },
  statefulset: { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  sts: { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  daemonset: { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  ds: { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  replicaset: { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  rs: { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  service: { apiVersion: 'v1', kind: 'Service' },
  svc: { apiVersion: 'v1', kind: 'Service' },
};

/** Levenshtein distance, capped: enough to rank a few dozen names. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/** Names that share a prefix with `wanted` or are a few edits away, closest first (at most 5). */
export function similarNames(wanted: string, names: readonly string[]): string[] {
  const scored = names
    .map((n) => {
      const shared = [...wanted].findIndex((c, i) => n[i] !== c);
      const prefix = shared < 0 ? wanted.length : shared;
      return { n, d: distance(wanted, n), prefix };
    })
    .filter((s) => s.prefix >= Math.min(4, wanted.length) || s.d <= Math.max(2, Math.floor(wanted.length / 3)) || s.n.includes(wanted));
  return scored.sort((x, y) => x.d - y.d || y.prefix - x.prefix || x.n.localeCompare(y.n)).slice(0, 5).map((s) => s.n);
}

function splitNamespace(ref: string, fallback: string): { name: string; namespace: string } {
  const dot = ref.lastIndexOf('.');
  return dot > 0 ? { name: ref.slice(0, dot), namespace: ref.slice(dot + 1) } : { name: ref, namespace: fallback };
}

async function notFound(kube: KubeClient, what: string, name: string, namespace: string): Promise<UsageError> {
  const pods = await kube.list('v1', 'Pod', { namespace });
  const names = pods.items.map((p) => p.metadata.name ?? '').filter(Boolean);
  const similar = similarNames(name, names);
  const details =
    similar.length > 0
      ? [`Pods with similar names in namespace ${namespace}: ${similar.join(', ')}`]
      : names.length > 0
        ? [`Pods in namespace ${namespace}: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', ...' : ''}`]
        : [`There are no pods in namespace ${namespace}; use -n NAMESPACE or NAME.NAMESPACE.`];
  return new UsageError(`${what} "${name}" not found in namespace ${namespace}`, { details });
}

function selectorOf(obj: KubeObject): string | undefined {
  const spec = obj.spec as { selector?: Record<string, unknown> } | undefined;
  const sel = spec?.selector;
  if (!sel) return undefined;
  const labels = (obj.kind === 'Service' ? sel : (sel.matchLabels as Record<string, string> | undefined)) ?? {};
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length > 0 ? parts.sort().join(',') : undefined;
}

export async function resolvePod(kube: KubeClient, ref: string, defaultNamespace: string): Promise<PodTarget> {
  const slash = ref.indexOf('/');
  const type = slash >= 0 ? ref.slice(0, slash).toLowerCase() : 'pod';
  const { name, namespace } = splitNamespace(slash >= 0 ? ref.slice(slash + 1) : ref, defaultNamespace);
  if (!name || !type || name.includes('/')) throw new UsageError(`expected POD, POD.NAMESPACE or TYPE/NAME[.NAMESPACE], got "${ref}"`);
  if (type === 'pod' || type === 'pods' || type === 'po') {
    const pod = await kube.get({ apiVersion: 'v1', kind: 'Pod', namespace, name });
    if (!pod) throw await notFound(kube, 'pod', name, namespace);
    return { namespace, pod: name, object: pod };
  }
  const kind = KINDS[type];
  if (!kind) throw new UsageError(`unknown resource type "${type}" in "${ref}": use pod, deployment, statefulset, daemonset, replicaset or service`);
  const owner = await kube.get({ ...kind, namespace, name });
  if (!owner) throw new UsageError(`${kind.kind} "${name}" not found in namespace ${namespace}`);
  const selector = selectorOf(owner);
  if (!selector) throw new UsageError(`${kind.kind} ${namespace}/${name} has no pod selector`);
  const pods = (await kube.list('v1', 'Pod', { namespace, labelSelector: selector })).items;
  const running = pods.filter((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running');
  const chosen = [...(running.length > 0 ? running : pods)].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))[0];
  if (!chosen) throw new UsageError(`${kind.kind} ${namespace}/${name} has no pods`);
  return { namespace, pod: chosen.metadata.name ?? '', object: chosen };
}

/** The pod runs an Envoy sidecar (istio-proxy as a container or a native sidecar init container). */
export function hasSidecar(pod: KubeObject): boolean {
  const spec = pod.spec as { containers?: Array<{ name?: string }>; initContainers?: Array<{ name?: string }> } | undefined;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].some((c) => c.name === 'istio-proxy');
}
