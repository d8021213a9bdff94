/** `proxy-config listener`: one row per filter chain, as istioctl (ADDRESSES, PORT, MATCH, DESTINATION). */
import type { ConfigDump, Json } from './dump.js';
import { arr, num, rec, recs, socketAddress, str } from './fields.js';

export interface ListenerRow {
  name: string;
  address: string;
  port: number | undefined;
  match: string;
  destination: string;
  /** HTTP when the chain ends in an HTTP connection manager, TCP for tcp_proxy, otherwise ''. */
  protocol: 'HTTP' | 'TCP' | '';
  config: Json;
}

export interface ListenerFilter {
  address?: string;
  port?: number;
  type?: string;
}

const HCM = 'envoy.filters.network.http_connection_manager';
const TCP = 'envoy.filters.network.tcp_proxy';
const PLAIN_CLUSTERS = new Set(['PassthroughCluster', 'BlackHoleCluster', 'InboundPassthroughCluster']);

function describeMatch(match: Json | undefined): string {
  if (!match) return 'ALL';
  const parts: string[] = [];
  const sni = arr(match.serverNames).filter((s): s is string => typeof s === 'string');
  if (sni.length > 0) parts.push(`SNI: ${sni.join(',')}`);
  const transport = str(match.transportProtocol);
  if (transport) parts.push(`Trans: ${transport}`);
  const apps = arr(match.applicationProtocols).filter((s): s is string => typeof s === 'string');
  if (apps.length > 0) parts.push(`App: ${apps.join(',')}`);
  const port = num(rec(match.destinationPort)?.value ?? match.destinationPort);
  const ranges = recs(match.prefixRanges).map((r) => `${str(r.addressPrefix) ?? ''}/${num(r.prefixLen) ?? 32}`);
  if (port !== undefined || ranges.length > 0) parts.push(`Addr: ${ranges.length > 0 ? ranges.join(',') : '*'}${port !== undefined ? `:${port}` : ''}`);
  return parts.length > 0 ? parts.join('; ') : 'ALL';
}

function describeDestination(chain: Json): { destination: string; protocol: ListenerRow['protocol'] } {
  for (const filter of recs(chain.filters)) {
    const name = str(filter.name);
    const typed = rec(filter.typedConfig) ?? {};
    if (name === HCM) {
      const rds = str(rec(typed.rds)?.routeConfigName);
      if (rds !== undefined) return { destination: `Route: ${rds}`, protocol: 'HTTP' };
      const firstRoute = recs(recs(rec(typed.routeConfig)?.virtualHosts)[0]?.routes)[0];
      const prefix = str(rec(firstRoute?.match)?.prefix);
      return { destination: `Inline Route: ${prefix !== undefined ? `${prefix}*` : '-'}`, protocol: 'HTTP' };
    }
    if (name === TCP) {
      const cluster = str(typed.cluster) ?? (recs(rec(typed.weightedClusters)?.clusters).map((c) => str(c.name)).join(',') || '-');
      return { destination: PLAIN_CLUSTERS.has(cluster) ? cluster : `Cluster: ${cluster}`, protocol: 'TCP' };
    }
  }
  return { destination: 'Non-HTTP/Non-TCP', protocol: '' };
}

export function listenerRows(dump: ConfigDump, filter: ListenerFilter = {}): ListenerRow[] {
  const rows: ListenerRow[] = [];
  for (const l of dump.listeners) {
    const { address, port } = socketAddress(l.config.address);
    const chains = recs(l.config.filterChains);
    const defaultChain = rec(l.config.defaultFilterChain);
    for (const chain of defaultChain ? [...chains, defaultChain] : chains) {
      rows.push({ name: l.name, address, port, match: describeMatch(rec(chain.filterChainMatch)), ...describeDestination(chain), config: l.config });
    }
  }
  const type = filter.type?.toUpperCase();
  return rows
    .filter((r) => filter.address === undefined || r.address === filter.address)
    .filter((r) => filter.port === undefined || r.port === filter.port)
    .filter((r) => type === undefined || r.protocol === type)
    .sort((a, b) => (a.port ?? 0) - (b.port ?? 0) || a.address.localeCompare(b.address));
}

export const LISTENER_HEADERS = ['ADDRESSES', 'PORT', 'MATCH', 'DESTINATION'];

export function listenerCells(r: ListenerRow): string[] {
  return [r.address, r.port === undefined ? '-' : String(r.port), r.match, r.destination];
}

/** The distinct listener configs behind some rows (for -o json), in row order. */
export function listenerConfigs(rows: readonly ListenerRow[]): Json[] {
  return [...new Set(rows.map((r) => r.config))];
}
