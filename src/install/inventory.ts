/**
 * What an install left in the cluster, found by its labels: every object sailctl renders carries
 * `operator.istio.io/component` (and, for per-revision objects, `istio.io/rev`). Used by prune, plan,
 * uninstall and verify-install.
 */
import type { KubeClient, KubeObject } from '../kube/types.js';
import { COMPONENT_LABEL, REVISION_LABEL } from '../manifest/render.js';
import { mapLimit } from './parallel.js';
import { keyOf } from './refs.js';

export interface KindRef {
  apiVersion: string;
  kind: string;
}

/** The kinds an Istio install creates (CRDs and Namespaces last: they are removed last). */
export const INSTALLED_KINDS: readonly KindRef[] = [
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding' },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy' },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration' },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration' },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'v1', kind: 'Endpoints' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'v1', kind: 'Secret' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
  { apiVersion: 'v1', kind: 'ServiceAccount' },
  { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' },
  { apiVersion: 'v1', kind: 'Namespace' },
];

/** Kinds shared by every revision: never pruned, removed only by `uninstall --purge`. */
export const SHARED_KINDS: ReadonlySet<string> = new Set(['CustomResourceDefinition', 'Namespace']);

/** `operator.istio.io/component,istio.io/rev=canary`: everything of one revision (`default` for ''). */
export function revisionSelector(revision: string): string {
  return `${COMPONENT_LABEL},${REVISION_LABEL}=${revision || 'default'}`;
}

/** Everything any sailctl/istioctl install created. */
export const ANY_INSTALL_SELECTOR = COMPONENT_LABEL;

/**
 * Lists the installed kinds with `labelSelector` (kinds the server does not serve are skipped), in
 * INSTALLED_KINDS order. `kinds` adds kinds seen in a render that the table does not have.
 */
export async function listInstalled(
  kube: KubeClient,
  labelSelector: string,
  options: { kinds?: readonly KindRef[]; signal?: AbortSignal } = {},
): Promise<KubeObject[]> {
  const kinds = [...INSTALLED_KINDS];
  for (const k of options.kinds ?? []) if (!kinds.some((x) => x.apiVersion === k.apiVersion && x.kind === k.kind)) kinds.unshift(k);
  const lists = await mapLimit(
    kinds,
    8,
    async (k) => {
      if (!(await kube.resourceFor(k.apiVersion, k.kind))) return [];
      return (await kube.list(k.apiVersion, k.kind, { labelSelector })).items.filter((o) => !isControllerMade(o));
    },
    options.signal,
  );
  return lists.flat();
}

/**
 * Objects that a Kubernetes controller made and keeps, although they carry the install's labels: the
 * endpoints controller copies a Service's labels onto the Endpoints it maintains. Their managedFields name
 * only kube-controller-manager. They are never pruned or removed: the controller owns them.
 */
export function isControllerMade(o: KubeObject): boolean {
  const managers = ((o.metadata.managedFields ?? []) as Array<{ manager?: string }>).map((m) => m.manager);
  return managers.length > 0 && managers.every((m) => m === 'kube-controller-manager');
}

/** Objects of the install that `desired` no longer contains (shared kinds excluded). */
export function selectPrunable(live: readonly KubeObject[], desired: readonly KubeObject[]): KubeObject[] {
  const wanted = new Set(desired.map((o) => keyOf(o)));
  return live.filter((o) => !SHARED_KINDS.has(o.kind) && !wanted.has(keyOf(o)) && !o.metadata.deletionTimestamp);
}

/** The distinct kinds of a list of objects, in first-seen order. */
export function kindsOf(objects: readonly KubeObject[]): KindRef[] {
  const seen = new Map<string, KindRef>();
  for (const o of objects) seen.set(`${o.apiVersion} ${o.kind}`, { apiVersion: o.apiVersion, kind: o.kind });
  return [...seen.values()];
}
