/**
 * What `sailctl install` creates, as access reviews: cluster-scoped kinds once, namespaced kinds in the
 * control-plane namespace. One SelfSubjectAccessReview each.
 */
import type { AccessReview } from '../kube/types.js';

const CLUSTER: ReadonlyArray<[group: string, resource: string]> = [
  ['', 'namespaces'],
  ['apiextensions.k8s.io', 'customresourcedefinitions'],
  ['rbac.authorization.k8s.io', 'clusterroles'],
  ['rbac.authorization.k8s.io', 'clusterrolebindings'],
  ['admissionregistration.k8s.io', 'mutatingwebhookconfigurations'],
  ['admissionregistration.k8s.io', 'validatingwebhookconfigurations'],
];

const NAMESPACED: ReadonlyArray<[group: string, resource: string]> = [
  ['', 'configmaps'],
  ['', 'serviceaccounts'],
  ['', 'services'],
  ['apps', 'deployments'],
  ['autoscaling', 'horizontalpodautoscalers'],
  ['policy', 'poddisruptionbudgets'],
  ['rbac.authorization.k8s.io', 'roles'],
  ['rbac.authorization.k8s.io', 'rolebindings'],
];

export function installAccessReviews(istioNamespace: string): AccessReview[] {
  return [
    ...CLUSTER.map(([group, resource]) => ({ verb: 'create', group, resource })),
    ...NAMESPACED.map(([group, resource]) => ({ verb: 'create', group, resource, namespace: istioNamespace })),
  ];
}
