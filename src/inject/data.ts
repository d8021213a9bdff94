/** The data a template is executed with: istiod's SidecarTemplateData, field for field. */
import { objectMetaView, podSpecView } from './goview.js';
import { meshConfigView, type ProxyConfigResult } from './proxyconfig.js';
import type { InjectConfig, JsonObject } from './types.js';

export interface PodParts {
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
}

export interface WorkloadIdentity {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown>;
}

function sub(obj: JsonObject, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const p of path) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

/** `hub/image:tag[-variant]`, as istiod builds proxy image names (an image with a `/` is used as is). */
export function imageURL(values: JsonObject, image: unknown, annotations: Record<string, unknown>): string {
  const name = typeof image === 'string' && image !== '' ? image : 'proxyv2';
  if (name.includes('/')) return name;
  const hub = String(sub(values, 'global', 'hub') ?? '');
  const tag = String(sub(values, 'global', 'tag') ?? '');
  const variantAnnotation = annotations['sidecar.istio.io/proxyImageType'];
  const variant = typeof variantAnnotation === 'string' ? variantAnnotation : String(sub(values, 'global', 'variant') ?? '');
  const suffix = variant === '' || variant === 'default' ? '' : `-${variant}`;
  return `${hub}/${name}:${tag}${suffix}`;
}

/** Whether the proxy runs as a Kubernetes native sidecar (an init container with restartPolicy Always). */
export function nativeSidecarsEnabled(values: JsonObject): boolean {
  const env = sub(values, 'pilot', 'env', 'ENABLE_NATIVE_SIDECARS');
  if (env === undefined || env === null || env === '') return true;
  return env === true || String(env).toLowerCase() === 'true';
}

export function templateData(workload: WorkloadIdentity, pod: PodParts, config: InjectConfig, proxy: ProxyConfigResult): Record<string, unknown> {
  const annotations = (pod.metadata.annotations ?? {}) as Record<string, unknown>;
  const inbound = sub(config.meshConfig, 'inboundTrafficPolicy', 'mode');
  return {
    TypeMeta: { APIVersion: workload.apiVersion, Kind: workload.kind },
    DeploymentMeta: objectMetaView(workload.metadata),
    ObjectMeta: objectMetaView(pod.metadata),
    Spec: podSpecView(pod.spec),
    ProxyConfig: proxy.view,
    MeshConfig: meshConfigView(config.meshConfig),
    Values: config.values,
    Revision: config.revision,
    ProxyImage: imageURL(config.values, sub(config.values, 'global', 'proxy', 'image'), annotations),
    ProxyInitImage: imageURL(config.values, sub(config.values, 'global', 'proxy_init', 'image'), annotations),
    ProxyUID: 1337,
    ProxyGID: 1337,
    NativeSidecars: nativeSidecarsEnabled(config.values),
    InboundTrafficPolicyMode: typeof inbound === 'string' ? inbound.toLowerCase() : 'passthrough',
    CompliancePolicy: '',
    EstimatedConcurrency: 0,
  };
}
