/**
 * One proxy: what istiod means to send (its `/debug/config_dump?proxyID=`) against what Envoy holds (its
 * `/config_dump`), per type, by resource name. Only dynamic (xDS-delivered) resources are compared: static
 * ones come from the bootstrap and istiod does not send them.
 */
import type { ConfigDump, Dumped } from '../proxyconfig/dump.js';

export interface TypeDiff {
  /** `Clusters`, `Listeners`, `Routes`. */
  label: string;
  /** `CDS`, `LDS`, `RDS`. */
  type: string;
  missingInEnvoy: string[];
  extraInEnvoy: string[];
  changed: Array<{ name: string; fields: string[] }>;
  /** Newest `lastUpdated` among Envoy's resources of this type. */
  envoyLastUpdated?: string;
}

const MAX_FIELDS = 5;

/** Paths where two JSON values differ (`filters[0].typedConfig.statPrefix`), at most `limit`. */
export function differingPaths(a: unknown, b: unknown, limit = MAX_FIELDS, path = ''): string[] {
  if (Object.is(a, b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length) && out.length < limit; i++) {
      out.push(...differingPaths(a[i], b[i], limit - out.length, `${path}[${i}]`));
    }
    return out;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
    const out: string[] = [];
    for (const k of keys) {
      if (out.length >= limit) break;
      out.push(...differingPaths(ra[k], rb[k], limit - out.length, path ? `${path}.${k}` : k));
    }
    return out;
  }
  return [path || '(whole resource)'];
}

function compare(label: string, type: string, istiod: readonly Dumped[], envoy: readonly Dumped[]): TypeDiff {
  const want = new Map(istiod.filter((d) => d.dynamic).map((d) => [d.name, d]));
  const have = new Map(envoy.filter((d) => d.dynamic).map((d) => [d.name, d]));
  const changed: TypeDiff['changed'] = [];
  for (const [name, w] of want) {
    const h = have.get(name);
    if (!h) continue;
    const fields = differingPaths(w.config, h.config);
    if (fields.length > 0) changed.push({ name, fields });
  }
  const sorted = (xs: Iterable<string>) => [...xs].sort();
  const newest = envoy.map((d) => d.lastUpdated ?? '').filter(Boolean).sort().pop();
  return {
    label,
    type,
    missingInEnvoy: sorted([...want.keys()].filter((n) => !have.has(n))),
    extraInEnvoy: sorted([...have.keys()].filter((n) => !want.has(n))),
    changed: changed.sort((x, y) => x.name.localeCompare(y.name)),
    ...(newest ? { envoyLastUpdated: newest } : {}),
  };
}

export function diffConfigs(istiod: ConfigDump, envoy: ConfigDump): TypeDiff[] {
  return [
    compare('Clusters', 'CDS', istiod.clusters, envoy.clusters),
    compare('Listeners', 'LDS', istiod.listeners, envoy.listeners),
    compare('Routes', 'RDS', istiod.routes, envoy.routes),
  ];
}

export function diffIsClean(diffs: readonly TypeDiff[]): boolean {
  return diffs.every((d) => d.missingInEnvoy.length === 0 && d.extraInEnvoy.length === 0 && d.changed.length === 0);
}
