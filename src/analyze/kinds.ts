/**
 * The kinds analyzers can read: a stable id per kind (`Kind` for the core group, `Kind.group` otherwise, so
 * Istio's Gateway and the Gateway API's Gateway stay apart), the apiVersion to list from a cluster, and scope.
 */

export interface KindInfo {
  /** `VirtualService.networking.istio.io`, `Service`, `Deployment.apps`. */
  readonly id: string;
  readonly group: string;
  /** Kind as written in YAML. */
  readonly kind: string;
  /** The version listed from a cluster. */
  readonly apiVersion: string;
  readonly namespaced: boolean;
  /** Made by sailctl from the run's settings (the mesh config), never listed from a cluster. */
  readonly synthetic?: boolean;
}

function kind(group: string, version: string, name: string, namespaced = true): KindInfo {
  return {
    id: group === '' ? name : `${name}.${group}`,
    group,
    kind: name,
    apiVersion: group === '' ? version : `${group}/${version}`,
    namespaced,
  };
}

const ISTIO_NET = 'networking.istio.io';
const ISTIO_SEC = 'security.istio.io';
const GATEWAY_API = 'gateway.networking.k8s.io';

/** Every kind known to the analyzers. Keys are what analyzer code writes (`K.VirtualService`). */
export const KINDS = {
  // core
  ConfigMap: kind('', 'v1', 'ConfigMap'),
  Endpoints: kind('', 'v1', 'Endpoints'),
  Namespace: kind('', 'v1', 'Namespace', false),
  Node: kind('', 'v1', 'Node', false),
  Pod: kind('', 'v1', 'Pod'),
  Secret: kind('', 'v1', 'Secret'),
  Service: kind('', 'v1', 'Service'),
  ServiceAccount: kind('', 'v1', 'ServiceAccount'),
  // workloads
  CronJob: kind('batch', 'v1', 'CronJob'),
  DaemonSet: kind('apps', 'v1', 'DaemonSet'),
  Deployment: kind('apps', 'v1', 'Deployment'),
  Job: kind('batch', 'v1', 'Job'),
  ReplicaSet: kind('apps', 'v1', 'ReplicaSet'),
  StatefulSet: kind('apps', 'v1', 'StatefulSet'),
  // cluster configuration
  CustomResourceDefinition: kind('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', false),
  MutatingWebhookConfiguration: kind('admissionregistration.k8s.io', 'v1', 'MutatingWebhookConfiguration', false),
  ValidatingWebhookConfiguration: kind('admissionregistration.k8s.io', 'v1', 'ValidatingWebhookConfiguration', false),
  // Istio networking
  DestinationRule: kind(ISTIO_NET, 'v1', 'DestinationRule'),
  EnvoyFilter: kind(ISTIO_NET, 'v1alpha3', 'EnvoyFilter'),
  Gateway: kind(ISTIO_NET, 'v1', 'Gateway'),
  ProxyConfig: kind(ISTIO_NET, 'v1beta1', 'ProxyConfig'),
  ServiceEntry: kind(ISTIO_NET, 'v1', 'ServiceEntry'),
  Sidecar: kind(ISTIO_NET, 'v1', 'Sidecar'),
  VirtualService: kind(ISTIO_NET, 'v1', 'VirtualService'),
  WorkloadEntry: kind(ISTIO_NET, 'v1', 'WorkloadEntry'),
  WorkloadGroup: kind(ISTIO_NET, 'v1', 'WorkloadGroup'),
  // Istio security, telemetry, extensions
  AuthorizationPolicy: kind(ISTIO_SEC, 'v1', 'AuthorizationPolicy'),
  PeerAuthentication: kind(ISTIO_SEC, 'v1', 'PeerAuthentication'),
  RequestAuthentication: kind(ISTIO_SEC, 'v1', 'RequestAuthentication'),
  Telemetry: kind('telemetry.istio.io', 'v1', 'Telemetry'),
  WasmPlugin: kind('extensions.istio.io', 'v1alpha1', 'WasmPlugin'),
  TrafficExtension: kind('extensions.istio.io', 'v1alpha1', 'TrafficExtension'),
  // the run's mesh settings, as Istio's analyzers see them (`MeshConfig istio-system/meshconfig`)
  MeshConfig: { ...kind('', 'v1alpha1', 'MeshConfig'), synthetic: true },
  MeshNetworks: { ...kind('', 'v1alpha1', 'MeshNetworks'), synthetic: true },
  // Gateway API
  GatewayClass: kind(GATEWAY_API, 'v1', 'GatewayClass', false),
  GRPCRoute: kind(GATEWAY_API, 'v1', 'GRPCRoute'),
  HTTPRoute: kind(GATEWAY_API, 'v1', 'HTTPRoute'),
  KubeGateway: kind(GATEWAY_API, 'v1', 'Gateway'),
  ReferenceGrant: kind(GATEWAY_API, 'v1beta1', 'ReferenceGrant'),
  TCPRoute: kind(GATEWAY_API, 'v1alpha2', 'TCPRoute'),
  TLSRoute: kind(GATEWAY_API, 'v1alpha2', 'TLSRoute'),
} as const satisfies Record<string, KindInfo>;

export type KindName = keyof typeof KINDS;

/** Kind ids by short name, for analyzer code: `K.VirtualService === 'VirtualService.networking.istio.io'`. */
export const K = Object.fromEntries(Object.entries(KINDS).map(([k, v]) => [k, v.id])) as { readonly [N in KindName]: string };

const BY_ID = new Map<string, KindInfo>(Object.values(KINDS).map((k) => [k.id, k]));

export function kindInfo(id: string): KindInfo | undefined {
  return BY_ID.get(id);
}

/** `networking.istio.io/v1` -> `networking.istio.io`; `v1` -> ``. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The kind id of an object, whatever its version. */
export function kindIdOf(apiVersion: string, kindName: string): string {
  const group = groupOf(apiVersion);
  return group === '' ? kindName : `${kindName}.${group}`;
}

/** Whether objects of this kind id live in a namespace (unknown kinds: yes, unless they say otherwise). */
export function isNamespaced(id: string): boolean {
  return BY_ID.get(id)?.namespaced ?? true;
}
