/**
 * Simulated istiod `/debug/syncz`: a DiscoveryResponse whose resources are one
 * `envoy.service.status.v3.ClientConfig` per injected pod connected to this istiod replica (pods are spread
 * over the replicas by a stable hash of their id), with per-type status overrides. Test/demo fixture only.
 */
import type { MeshPod } from './mesh.js';

const T = 'type.googleapis.com/';
export const SIM_TYPES: Record<string, string> = {
  CDS: `${T}envoy.config.cluster.v3.Cluster`,
  LDS: `${T}envoy.config.listener.v3.Listener`,
  EDS: `${T}envoy.config.endpoint.v3.ClusterLoadAssignment`,
  RDS: `${T}envoy.config.route.v3.RouteConfiguration`,
  ECDS: `${T}envoy.config.core.v3.TypedExtensionConfig`,
};

/** What istiod reports per type: as Envoy's ConfigStatus names them. */
export type SimStatus = 'SYNCED' | 'NOT_SENT' | 'STALE' | 'ERROR';

export interface SynczOptions {
  version: string;
  clusterId: string;
  types: readonly string[];
  /** Per proxy id, per type (CDS, ...): the status to report instead of SYNCED. */
  states: Readonly<Record<string, Readonly<Record<string, SimStatus>>>>;
  lastUpdated: string;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** The istiod replica (by index into the sorted replica names) a proxy is connected to. */
export function replicaOf(proxyId: string, replicas: number): number {
  return replicas <= 1 ? 0 : hash(proxyId) % replicas;
}

export function synczDocument(istiod: string, pods: readonly MeshPod[], options: SynczOptions): Record<string, unknown> {
  return {
    versionInfo: options.lastUpdated,
    resources: pods.map((pod) => ({
      '@type': `${T}envoy.service.status.v3.ClientConfig`,
      node: {
        id: pod.id,
        metadata: { CLUSTER_ID: options.clusterId, ISTIO_VERSION: options.version, NAMESPACE: pod.namespace, NAME: pod.name, LABELS: pod.labels },
      },
      genericXdsConfigs: options.types.map((type) => {
        const status = options.states[pod.id]?.[type] ?? 'SYNCED';
        return {
          typeUrl: SIM_TYPES[type] ?? `${T}${type}`,
          configStatus: status,
          ...(status === 'NOT_SENT' ? {} : { lastUpdated: options.lastUpdated }),
        };
      }),
    })),
    typeUrl: `${T}envoy.service.status.v3.ClientConfig`,
    nonce: `${istiod}-${pods.length}`,
    controlPlane: { identifier: JSON.stringify({ Component: 'istiod', ID: istiod, Info: { version: options.version } }) },
  };
}
