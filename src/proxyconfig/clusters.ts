/** `proxy-config cluster`: Envoy clusters as istioctl lists them (FQDN, port, subset, direction, type, DR). */
import type { ConfigDump, Json } from './dump.js';
import { istioConfigRef, rec, str } from './fields.js';

export interface ClusterRow {
  fqdn: string;
  port: string;
  subset: string;
  direction: string;
  type: string;
  destinationRule: string;
  config: Json;
}

export interface ClusterFilter {
  fqdn?: string;
  port?: number;
  direction?: string;
  subset?: string;
}

/** `outbound|9080|v1|reviews.shop.svc.cluster.local` -> its parts; other names are their own FQDN. */
export function parseClusterName(name: string): { direction: string; port: string; subset: string; fqdn: string } {
  const parts = name.split('|');
  if (parts.length === 4 && (parts[0] === 'inbound' || parts[0] === 'outbound')) {
    return { direction: parts[0], port: parts[1] || '-', subset: parts[2] || '-', fqdn: parts[3] ?? '' };
  }
  return { direction: '-', port: '-', subset: '-', fqdn: name };
}

function clusterType(config: Json): string {
  const custom = rec(config.clusterType);
  if (custom && str(custom.name)) return str(custom.name) as string;
  return str(config.type) ?? 'STATIC';
}

export function clusterRows(dump: ConfigDump, filter: ClusterFilter = {}): ClusterRow[] {
  const rows = dump.clusters.map((c) => {
    const parts = parseClusterName(c.name);
    return { ...parts, type: clusterType(c.config), destinationRule: istioConfigRef(c.config, 'destination-rule'), config: c.config };
  });
  return rows
    .filter((r) => filter.fqdn === undefined || r.fqdn === filter.fqdn || r.fqdn.startsWith(`${filter.fqdn}.`) || r.fqdn.startsWith(filter.fqdn))
    .filter((r) => filter.port === undefined || r.port === String(filter.port))
    .filter((r) => filter.direction === undefined || r.direction === filter.direction)
    .filter((r) => filter.subset === undefined || r.subset === filter.subset)
    .sort((a, b) => a.fqdn.localeCompare(b.fqdn) || Number(a.port) - Number(b.port) || a.port.localeCompare(b.port) || a.subset.localeCompare(b.subset) || a.direction.localeCompare(b.direction));
}

export const CLUSTER_HEADERS = ['SERVICE FQDN', 'PORT', 'SUBSET', 'DIRECTION', 'TYPE', 'DESTINATION RULE'];

export function clusterCells(r: ClusterRow): string[] {
  return [r.fqdn, r.port, r.subset, r.direction, r.type, r.destinationRule];
}
