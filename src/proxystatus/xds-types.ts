/**
 * xDS type URLs istiod serves and the short names istioctl shows for them (CDS, LDS, ...), in istioctl's
 * column order. Types outside this list are shown by the last segment of their URL.
 */

export const TYPE_PREFIX = 'type.googleapis.com/';

export const XDS_TYPES = [
  { short: 'CDS', url: `${TYPE_PREFIX}envoy.config.cluster.v3.Cluster` },
  { short: 'LDS', url: `${TYPE_PREFIX}envoy.config.listener.v3.Listener` },
  { short: 'EDS', url: `${TYPE_PREFIX}envoy.config.endpoint.v3.ClusterLoadAssignment` },
  { short: 'RDS', url: `${TYPE_PREFIX}envoy.config.route.v3.RouteConfiguration` },
  { short: 'ECDS', url: `${TYPE_PREFIX}envoy.config.core.v3.TypedExtensionConfig` },
  { short: 'SDS', url: `${TYPE_PREFIX}envoy.extensions.transport_sockets.tls.v3.Secret` },
  { short: 'NDS', url: `${TYPE_PREFIX}istio.networking.nds.v1.NameTable` },
  { short: 'WDS', url: `${TYPE_PREFIX}istio.workload.Address` },
  { short: 'WADS', url: `${TYPE_PREFIX}istio.security.Authorization` },
] as const;

/** The columns `-v 1` always shows, as istioctl does; other types get a column only when a proxy subscribes. */
export const DEFAULT_COLUMNS = ['CDS', 'LDS', 'EDS', 'RDS', 'ECDS'] as const;

const byUrl = new Map<string, string>(XDS_TYPES.map((t) => [t.url, t.short]));
const order = new Map<string, number>(XDS_TYPES.map((t, i) => [t.short, i]));

/** `type.googleapis.com/envoy.config.cluster.v3.Cluster` -> `CDS`; unknown URLs -> their last segment. */
export function shortType(typeUrl: string): string {
  const known = byUrl.get(typeUrl);
  if (known) return known;
  const last = typeUrl.split(/[/.]/).pop();
  return last && last.length > 0 ? last : typeUrl;
}

/** Sorts short names in istioctl's order (CDS, LDS, EDS, RDS, ECDS, ...), unknown ones after, by name. */
export function compareTypes(a: string, b: string): number {
  const ia = order.get(a) ?? Number.MAX_SAFE_INTEGER;
  const ib = order.get(b) ?? Number.MAX_SAFE_INTEGER;
  return ia - ib || a.localeCompare(b);
}
