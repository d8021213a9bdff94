/**
 * Reads istiod's `/debug/syncz`: a DiscoveryResponse (or a JSON array of them) whose `resources` are
 * `envoy.service.status.v3.ClientConfig` entries, one per connected proxy: the node (id, metadata with
 * CLUSTER_ID, ISTIO_VERSION, NAMESPACE) and `genericXdsConfigs` (typeUrl, configStatus, lastUpdated).
 */
import { isRecord, MalformedDocumentError, parseJsonDocument } from './document-error.js';
import { camelKeys } from './json-keys.js';
import { shortType } from './xds-types.js';

/** istioctl's words for Envoy's ConfigStatus values. */
export type XdsStatus = 'SYNCED' | 'NOT SENT' | 'STALE' | 'ERROR' | 'UNKNOWN';

export interface TypeSync {
  /** `CDS`, `LDS`, ... */
  type: string;
  typeUrl: string;
  status: XdsStatus;
  /** RFC 3339 time of the last push of this type, when istiod says. */
  lastUpdated?: string;
}

export interface ProxySync {
  /** `pod.namespace`, as istioctl shows it. */
  id: string;
  namespace: string;
  cluster: string;
  version: string;
  /** The istiod pod this proxy is connected to. */
  istiod: string;
  types: TypeSync[];
}

const STATUS: Record<string, XdsStatus> = {
  SYNCED: 'SYNCED',
  NOT_SENT: 'NOT SENT',
  STALE: 'STALE',
  ERROR: 'ERROR',
  UNKNOWN: 'UNKNOWN',
};

const DOC = 'syncz';

/** `sidecar~10.0.0.1~web-1.shop~shop.svc.cluster.local` -> `web-1.shop`; plain ids are kept. */
export function proxyIdOf(nodeId: string): string {
  const parts = nodeId.split('~');
  return parts.length === 4 ? (parts[2] as string) : nodeId;
}

/** The istiod pod named in a DiscoveryResponse's `controlPlane.identifier` (`{"Component":"istiod","ID":...}`). */
function controlPlaneId(response: Record<string, unknown>): string | undefined {
  const cp = response.controlPlane;
  if (!isRecord(cp) || typeof cp.identifier !== 'string') return undefined;
  try {
    const parsed = JSON.parse(cp.identifier) as unknown;
    return isRecord(parsed) && typeof parsed.ID === 'string' && parsed.ID !== '' ? parsed.ID : undefined;
  } catch {
    return undefined;
  }
}

function readTypes(value: unknown, at: string): TypeSync[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new MalformedDocumentError(DOC, `${at} is not a list`);
  return value.map((entry, i) => {
    if (!isRecord(entry) || typeof entry.typeUrl !== 'string') {
      throw new MalformedDocumentError(DOC, `${at}[${i}].typeUrl is missing`);
    }
    const raw = entry.configStatus ?? 'UNKNOWN';
    const status = typeof raw === 'string' ? STATUS[raw] : undefined;
    if (!status) throw new MalformedDocumentError(DOC, `${at}[${i}].configStatus "${String(raw)}" is not a known status`);
    return {
      type: shortType(entry.typeUrl),
      typeUrl: entry.typeUrl,
      status,
      ...(typeof entry.lastUpdated === 'string' ? { lastUpdated: entry.lastUpdated } : {}),
    };
  });
}

function readResponse(response: unknown, at: string, istiodPod: string): ProxySync[] {
  if (!isRecord(response)) throw new MalformedDocumentError(DOC, `${at || 'the document'} is not a DiscoveryResponse object`);
  const resources = response.resources ?? [];
  if (!Array.isArray(resources)) throw new MalformedDocumentError(DOC, `${at}resources is not a list`);
  const istiod = controlPlaneId(response) ?? istiodPod;
  return resources.map((resource, i) => {
    const here = `${at}resources[${i}]`;
    if (!isRecord(resource)) throw new MalformedDocumentError(DOC, `${here} is not an object`);
    const node = resource.node;
    if (!isRecord(node) || typeof node.id !== 'string' || node.id === '') throw new MalformedDocumentError(DOC, `${here}.node.id is missing`);
    const metadata = isRecord(node.metadata) ? node.metadata : {};
    const id = proxyIdOf(node.id);
    const dot = id.lastIndexOf('.');
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    return {
      id,
      namespace: str(metadata.NAMESPACE) ?? (dot > 0 ? id.slice(dot + 1) : ''),
      cluster: str(metadata.CLUSTER_ID) ?? '',
      version: str(metadata.ISTIO_VERSION) ?? '',
      istiod,
      types: readTypes(resource.genericXdsConfigs, `${here}.genericXdsConfigs`),
    };
  });
}

/** Parses one istiod's syncz text. Throws MalformedDocumentError (never a TypeError) on anything unexpected. */
export function parseSyncz(text: string, istiodPod: string): ProxySync[] {
  const doc = camelKeys(parseJsonDocument(text, DOC));
  if (Array.isArray(doc)) return doc.flatMap((r, i) => readResponse(r, `[${i}].`, istiodPod));
  return readResponse(doc, '', istiodPod);
}
