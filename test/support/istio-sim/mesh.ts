/**
 * The mesh as the simulation sees it, from the loopback server's store: injected pods (with an IP each),
 * istiod pods, and Services with their ports and the injected pods they select. Test/demo fixture only.
 */
import type { KubeObject } from '../../../src/kube/types.js';

export interface StoreView {
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[];
}

export interface MeshPod {
  name: string;
  namespace: string;
  /** `pod.namespace`, istiod's proxy id. */
  id: string;
  ip: string;
  labels: Record<string, string>;
  serviceAccount: string;
  /** Ports the app containers declare. */
  ports: number[];
  object: KubeObject;
}

export interface MeshServicePort {
  name: string;
  port: number;
  targetPort: number;
  http: boolean;
}

export interface MeshService {
  name: string;
  namespace: string;
  host: string;
  clusterIP: string;
  ports: MeshServicePort[];
  /** Injected pods this Service selects. */
  pods: MeshPod[];
  /** Subsets of the DestinationRule for this host, if any. */
  subsets: Array<{ name: string; labels: Record<string, string>; rule: string }>;
}

export interface Mesh {
  pods: MeshPod[];
  services: MeshService[];
}

export function isInjected(pod: KubeObject): boolean {
  if (pod.metadata.annotations?.['sidecar.istio.io/status']) return true;
  const spec = pod.spec as { containers?: Array<{ name?: string }>; initContainers?: Array<{ name?: string }> } | undefined;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].some((c) => c.name === 'istio-proxy');
}

export function isIstiod(pod: KubeObject): boolean {
  return pod.metadata.labels?.app === 'istiod';
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** The pod's IP, or a stable made-up one in 10.244.0.0/16. */
export function podIp(pod: KubeObject): string {
  const ip = (pod.status as { podIP?: string } | undefined)?.podIP;
  if (ip) return ip;
  const h = hash(`${pod.metadata.namespace}/${pod.metadata.name}`);
  return `10.244.${(h >>> 8) & 0xff}.${(h & 0xfe) + 2 > 254 ? 2 : (h & 0xfe) + 2}`;
}

function clusterIp(svc: KubeObject): string {
  const ip = (svc.spec as { clusterIP?: string } | undefined)?.clusterIP;
  if (ip && ip !== 'None') return ip;
  const h = hash(`${svc.metadata.namespace}/${svc.metadata.name}`);
  return `10.96.${(h >>> 8) & 0xff}.${(h & 0xfd) + 1}`;
}

function toMeshPod(pod: KubeObject): MeshPod {
  const spec = pod.spec as { serviceAccountName?: string; containers?: Array<{ name?: string; ports?: Array<{ containerPort?: number }> }> } | undefined;
  const ports = (spec?.containers ?? [])
    .filter((c) => c.name !== 'istio-proxy')
    .flatMap((c) => (c.ports ?? []).map((p) => p.containerPort ?? 0))
    .filter((p) => p > 0);
  const namespace = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  return {
    name,
    namespace,
    id: `${name}.${namespace}`,
    ip: podIp(pod),
    labels: pod.metadata.labels ?? {},
    serviceAccount: spec?.serviceAccountName ?? 'default',
    ports: [...new Set(ports)].sort((a, b) => a - b),
    object: pod,
  };
}

function isHttp(port: { name?: string; appProtocol?: string; port?: number }): boolean {
  const proto = (port.appProtocol ?? port.name ?? '').toLowerCase();
  return /^(http|http2|grpc|grpc-web|h2c)(-|$)/.test(proto);
}

/** DestinationRules, when the server serves them (it does once Istio's CRDs are installed). */
function destinationRules(store: StoreView): KubeObject[] {
  try {
    return store.list('networking.istio.io/v1', 'DestinationRule');
  } catch {
    return [];
  }
}

export function readMesh(store: StoreView): Mesh {
  const pods = store
    .list('v1', 'Pod')
    .filter((p) => isInjected(p) && !p.metadata.deletionTimestamp)
    .map(toMeshPod)
    .sort((a, b) => a.id.localeCompare(b.id));
  const services: MeshService[] = [];
  for (const svc of store.list('v1', 'Service')) {
    const spec = svc.spec as { selector?: Record<string, string>; ports?: Array<{ name?: string; port?: number; targetPort?: number | string; appProtocol?: string }> } | undefined;
    const namespace = svc.metadata.namespace ?? 'default';
    const name = svc.metadata.name ?? '';
    const selector = spec?.selector;
    const selected = selector ? pods.filter((p) => p.namespace === namespace && Object.entries(selector).every(([k, v]) => p.labels[k] === v)) : [];
    services.push({
      name,
      namespace,
      host: `${name}.${namespace}.svc.cluster.local`,
      clusterIP: clusterIp(svc),
      ports: (spec?.ports ?? []).map((p) => ({
        name: p.name ?? '',
        port: p.port ?? 0,
        targetPort: typeof p.targetPort === 'number' ? p.targetPort : (p.port ?? 0),
        http: isHttp(p),
      })),
      pods: selected,
      subsets: [],
    });
  }
  for (const dr of destinationRules(store)) {
    const ns = dr.metadata.namespace ?? 'default';
    const spec = dr.spec as { host?: string; subsets?: Array<{ name?: string; labels?: Record<string, string> }> } | undefined;
    const host = spec?.host ?? '';
    const svc = services.find((x) => x.host === host || (x.namespace === ns && (x.name === host || `${x.name}.${x.namespace}` === host)));
    if (!svc) continue;
    for (const sub of spec?.subsets ?? []) {
      if (sub.name) svc.subsets.push({ name: sub.name, labels: sub.labels ?? {}, rule: `/apis/networking.istio.io/v1/namespaces/${ns}/destination-rule/${dr.metadata.name ?? ''}` });
    }
  }
  services.sort((a, b) => a.host.localeCompare(b.host));
  return { pods, services };
}
