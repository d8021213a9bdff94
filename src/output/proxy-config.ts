/** Printers of `sailctl proxy-config`: istioctl-style tables, JSON/YAML of the selected config (key material removed). */
import { CLUSTER_HEADERS, clusterCells, type ClusterRow } from '../proxyconfig/clusters.js';
import { ENDPOINT_HEADERS, endpointCells, type EndpointRow } from '../proxyconfig/endpoints.js';
import { withoutKeyMaterial } from '../proxyconfig/fields.js';
import { LISTENER_HEADERS, listenerCells, listenerConfigs, type ListenerRow } from '../proxyconfig/listeners.js';
import { ROUTE_HEADERS, routeCells, type RouteRow } from '../proxyconfig/routes.js';
import { SECRET_HEADERS, secretCells, type SecretRow } from '../proxyconfig/secrets.js';
import { formatJson } from './json.js';
import { formatTable } from './table.js';
import { formatYaml } from './yaml.js';

export type ConfigFormat = 'short' | 'json' | 'yaml';

export interface ConfigSections {
  clusters?: ClusterRow[];
  listeners?: ListenerRow[];
  routes?: RouteRow[];
  endpoints?: EndpointRow[];
  secrets?: SecretRow[];
}

function tables(s: ConfigSections): string[] {
  const out: string[] = [];
  if (s.clusters) out.push(formatTable(CLUSTER_HEADERS, s.clusters.map(clusterCells)));
  if (s.listeners) out.push(formatTable(LISTENER_HEADERS, s.listeners.map(listenerCells)));
  if (s.routes) out.push(formatTable(ROUTE_HEADERS, s.routes.map(routeCells)));
  if (s.endpoints) out.push(formatTable(ENDPOINT_HEADERS, s.endpoints.map(endpointCells)));
  if (s.secrets) out.push(formatTable(SECRET_HEADERS, s.secrets.map(secretCells)));
  return out;
}

/** Records for -o json|yaml: the raw Envoy config of the selected rows; endpoints and secrets as their rows. */
export function configRecords(s: ConfigSections): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.clusters) out.clusters = [...new Set(s.clusters.map((r) => r.config))];
  if (s.listeners) out.listeners = listenerConfigs(s.listeners);
  if (s.routes) out.routes = [...new Set(s.routes.map((r) => r.config))];
  if (s.endpoints) out.endpoints = s.endpoints;
  if (s.secrets) out.secrets = s.secrets;
  return withoutKeyMaterial(out) as Record<string, unknown>;
}

export function formatSections(s: ConfigSections, format: ConfigFormat): string {
  if (format === 'short') return tables(s).join('\n');
  const records = configRecords(s);
  const keys = Object.keys(records);
  // One kind asked for: print its list alone, as istioctl does; `all` prints one object with every kind.
  const doc = keys.length === 1 ? records[keys[0] as string] : records;
  return format === 'json' ? formatJson(doc) : formatYaml(doc);
}

export function formatDocument(value: unknown, format: ConfigFormat): string {
  const clean = withoutKeyMaterial(value);
  return format === 'yaml' ? formatYaml(clean) : formatJson(clean);
}

export function formatLoggers(loggers: Record<string, string>, format: ConfigFormat): string {
  if (format !== 'short') return format === 'json' ? formatJson(loggers) : formatYaml(loggers);
  return formatTable(['LOGGER', 'LEVEL'], Object.entries(loggers).sort(([a], [b]) => a.localeCompare(b)));
}
