/**
 * The resource types the loopback server serves: the built-in kinds (a fixed table) plus the kinds that
 * CustomResourceDefinitions register at run time. Looked up by URL (group, version, plural) or by kind.
 */
import type { KubeObject } from '../../../src/kube/types.js';

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  /** Subresources served, e.g. `status`, `scale`, `proxy`. */
  subresources: string[];
  /** Set for custom resources: the CRD's openAPIV3Schema for this version. */
  schema?: Record<string, unknown>;
  /** True for custom resources (no strategic merge patch). */
  custom?: boolean;
  /** Only `create` is served (reviews). */
  createOnly?: boolean;
}

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

type Row = [group: string, version: string, kind: string, plural: string, namespaced: boolean, extra?: Partial<ResourceType>];

const BUILTIN: Row[] = [
  ['', 'v1', 'Namespace', 'namespaces', false, { shortNames: ['ns'], subresources: ['status', 'finalize'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }],
  ['', 'v1', 'Pod', 'pods', true, { shortNames: ['po'], categories: ['all'], subresources: ['status', 'proxy', 'portforward', 'log', 'exec', 'eviction'] }],
  ['', 'v1', 'Service', 'services', true, { shortNames: ['svc'], categories: ['all'], subresources: ['status', 'proxy'] }],
  ['', 'v1', 'Endpoints', 'endpoints', true, { shortNames: ['ep'] }],
  ['', 'v1', 'ConfigMap', 'configmaps', true, { shortNames: ['cm'] }],
  ['', 'v1', 'Secret', 'secrets', true],
  ['', 'v1', 'ServiceAccount', 'serviceaccounts', true, { shortNames: ['sa'], subresources: ['token'] }],
  ['', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }],
  ['', 'v1', 'Node', 'nodes', false, { shortNames: ['no'], subresources: ['status', 'proxy'] }],
  ['', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, { shortNames: ['pvc'], subresources: ['status'] }],
  ['', 'v1', 'ReplicationController', 'replicationcontrollers', true, { shortNames: ['rc'], categories: ['all'], subresources: ['status', 'scale'] }],
  ['apps', 'v1', 'Deployment', 'deployments', true, { shortNames: ['deploy'], categories: ['all'], subresources: ['status', 'scale'] }],
  ['apps', 'v1', 'DaemonSet', 'daemonsets', true, { shortNames: ['ds'], categories: ['all'], subresources: ['status'] }],
  ['apps', 'v1', 'StatefulSet', 'statefulsets', true, { shortNames: ['sts'], categories: ['all'], subresources: ['status', 'scale'] }],
  ['apps', 'v1', 'ReplicaSet', 'replicasets', true, { shortNames: ['rs'], categories: ['all'], subresources: ['status', 'scale'] }],
  ['batch', 'v1', 'Job', 'jobs', true, { categories: ['all'], subresources: ['status'] }],
  ['batch', 'v1', 'CronJob', 'cronjobs', true, { shortNames: ['cj'], categories: ['all'], subresources: ['status'] }],
  ['rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true],
  ['rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false],
  ['admissionregistration.k8s.io', 'v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false, { categories: ['api-extensions'] }],
  ['admissionregistration.k8s.io', 'v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false, { categories: ['api-extensions'] }],
  ['admissionregistration.k8s.io', 'v1', 'ValidatingAdmissionPolicy', 'validatingadmissionpolicies', false, { categories: ['api-extensions'] }],
  ['admissionregistration.k8s.io', 'v1', 'ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', false, { categories: ['api-extensions'] }],
  ['apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', false, { shortNames: ['crd', 'crds'], categories: ['api-extensions'], subresources: ['status'] }],
  ['policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, { shortNames: ['pdb'], subresources: ['status'] }],
  ['autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, { shortNames: ['hpa'], categories: ['all'], subresources: ['status'] }],
  ['networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, { shortNames: ['ing'], subresources: ['status'] }],
  ['discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', true],
  ['authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, { verbs: ['create'], createOnly: true }],
  ['coordination.k8s.io', 'v1', 'Lease', 'leases', true],
];

function builtins(): ResourceType[] {
  return BUILTIN.map(([group, version, kind, plural, namespaced, extra]) => ({
    group,
    version,
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    verbs: ALL,
    subresources: [],
    ...extra,
  }));
}

export function groupVersion(t: { group: string; version: string }): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** `deployments.apps`, `pods` — how the API server names a resource in messages. */
export function qualifiedResource(t: { group: string; plural: string }): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

/** `Deployment.apps` — how validation messages name a kind. */
export function qualifiedKind(t: { group: string; kind: string }): string {
  return t.group ? `${t.kind}.${t.group}` : t.kind;
}

/** The types served now: built-ins plus CRD-registered ones, keyed by `group/version/plural`. */
export class KindRegistry {
  private readonly types = new Map<string, ResourceType>();
  private readonly crdTypes = new Map<string, string[]>();

  constructor() {
    for (const t of builtins()) this.add(t);
  }

  private add(t: ResourceType): void {
    this.types.set(`${t.group}/${t.version}/${t.plural}`, t);
  }

  byResource(group: string, version: string, plural: string): ResourceType | undefined {
    return this.types.get(`${group}/${version}/${plural}`);
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    const { group, version } = splitApiVersion(apiVersion);
    for (const t of this.types.values()) if (t.group === group && t.version === version && t.kind === kind) return t;
    return undefined;
  }

  /**
   * A type for a kind nobody serves yet (seeded custom resources before their CRD): stored under the plural
   * a CRD would most likely declare, so the objects appear once the CRD is created.
   */
  unserved(apiVersion: string, kind: string, namespaced: boolean): ResourceType {
    const { group, version } = splitApiVersion(apiVersion);
    const lower = kind.toLowerCase();
    const plural = /(s|x|z|ch|sh)$/.test(lower) ? `${lower}es` : /[^aeiou]y$/.test(lower) ? `${lower.slice(0, -1)}ies` : `${lower}s`;
    return { group, version, kind, plural, singular: lower, namespaced, verbs: [], subresources: [], custom: true };
  }

  /** Every version of the resource `group/plural` (custom resources may serve several). */
  versionsOf(group: string, plural: string): ResourceType[] {
    return [...this.types.values()].filter((t) => t.group === group && t.plural === plural);
  }

  all(): ResourceType[] {
    return [...this.types.values()];
  }

  /** (Re-)registers the served versions of a CRD. */
  registerCrd(crd: KubeObject): void {
    this.unregisterCrd(crd.metadata.name ?? '');
    const spec = (crd.spec ?? {}) as Record<string, any>;
    const names = (spec.names ?? {}) as Record<string, any>;
    const keys: string[] = [];
    for (const v of (spec.versions ?? []) as Array<Record<string, any>>) {
      if (v.served === false) continue;
      const subs = v.subresources ?? {};
      const t: ResourceType = {
        group: String(spec.group),
        version: String(v.name),
        kind: String(names.kind),
        plural: String(names.plural),
        singular: String(names.singular ?? String(names.kind).toLowerCase()),
        namespaced: spec.scope !== 'Cluster',
        verbs: ALL,
        shortNames: names.shortNames,
        categories: names.categories,
        subresources: [...(subs.status ? ['status'] : []), ...(subs.scale ? ['scale'] : [])],
        schema: v.schema?.openAPIV3Schema,
        custom: true,
      };
      const key = `${t.group}/${t.version}/${t.plural}`;
      this.types.set(key, t);
      keys.push(key);
    }
    this.crdTypes.set(crd.metadata.name ?? '', keys);
  }

  unregisterCrd(name: string): ResourceType[] {
    const gone: ResourceType[] = [];
    for (const key of this.crdTypes.get(name) ?? []) {
      const t = this.types.get(key);
      if (t) gone.push(t);
      this.types.delete(key);
    }
    this.crdTypes.delete(name);
    return gone;
  }
}
