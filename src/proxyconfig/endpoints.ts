/**
 * `proxy-config endpoint`: Envoy's `/clusters?format=json` (cluster_statuses -> host_statuses) as rows of
 * ENDPOINT, STATUS, OUTLIER CHECK, CLUSTER.
 */
import { isRecord, MalformedDocumentError, parseJsonDocument } from '../proxystatus/document-error.js';
import { camelKeys } from '../proxystatus/json-keys.js';
import { rec, recs, socketAddress, str } from './fields.js';

export interface EndpointRow {
  address: string;
  port: number | undefined;
  status: string;
  outlierCheck: 'OK' | 'FAILED';
  cluster: string;
}

export interface EndpointFilter {
  address?: string;
  port?: number;
  cluster?: string;
  status?: string;
}

/** Parses `/clusters?format=json`; a wrong shape is a MalformedDocumentError. */
export function parseClusterStatuses(text: string): EndpointRow[] {
  const doc = camelKeys(parseJsonDocument(text, 'clusters status'));
  if (!isRecord(doc) || (doc.clusterStatuses !== undefined && !Array.isArray(doc.clusterStatuses))) {
    throw new MalformedDocumentError('clusters status', 'no "cluster_statuses" list');
  }
  const rows: EndpointRow[] = [];
  for (const cs of recs(doc.clusterStatuses)) {
    const cluster = str(cs.name) ?? '';
    for (const host of recs(cs.hostStatuses)) {
      const { address, port } = socketAddress(host.address);
      const pipe = str(rec(rec(host.address)?.pipe)?.path);
      const health = rec(host.healthStatus) ?? {};
      rows.push({
        address: pipe ? `unix://${pipe}` : address,
        port: pipe ? undefined : port,
        status: str(health.edsHealthStatus) ?? 'HEALTHY',
        outlierCheck: health.failedOutlierCheck === true ? 'FAILED' : 'OK',
        cluster,
      });
    }
  }
  return rows;
}

export function filterEndpoints(rows: readonly EndpointRow[], filter: EndpointFilter = {}): EndpointRow[] {
  return rows
    .filter((r) => filter.address === undefined || r.address === filter.address)
    .filter((r) => filter.port === undefined || r.port === filter.port)
    .filter((r) => filter.cluster === undefined || r.cluster === filter.cluster)
    .filter((r) => filter.status === undefined || r.status === filter.status.toUpperCase())
    .slice()
    .sort((a, b) => a.cluster.localeCompare(b.cluster) || a.address.localeCompare(b.address) || (a.port ?? 0) - (b.port ?? 0));
}

export const ENDPOINT_HEADERS = ['ENDPOINT', 'STATUS', 'OUTLIER CHECK', 'CLUSTER'];

export function endpointCells(r: EndpointRow): string[] {
  return [r.port === undefined ? r.address : `${r.address}:${r.port}`, r.status, r.outlierCheck, r.cluster];
}
