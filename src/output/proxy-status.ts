/** Printers of `sailctl proxy-status`: istioctl's table, the per-type table of `-v 1`, JSON/YAML records. */
import { subscribedCell, typeCell, typeColumns, type StatusRow } from '../proxystatus/rows.js';
import type { TypeDiff } from '../proxystatus/diff.js';
import { formatJson } from './json.js';
import { formatTable } from './table.js';
import { formatYaml } from './yaml.js';

export function formatStatusTable(rows: readonly StatusRow[], verbose: boolean): string {
  if (!verbose) {
    return formatTable(
      ['NAME', 'CLUSTER', 'ISTIOD', 'VERSION', 'SUBSCRIBED TYPES'],
      rows.map((r) => [r.name, r.cluster, r.istiod, r.version, subscribedCell(r)]),
    );
  }
  const columns = typeColumns(rows);
  return formatTable(
    ['NAME', 'CLUSTER', ...columns, 'ISTIOD', 'VERSION'],
    rows.map((r) => [r.name, r.cluster, ...columns.map((c) => typeCell(r, c)), r.istiod, r.version]),
  );
}

/** Records for `-o json|yaml`: stable keys, absolute times (no ages, which depend on when it ran). */
export function statusRecords(rows: readonly StatusRow[]): unknown[] {
  return rows.map((r) => ({
    name: r.name,
    namespace: r.namespace,
    cluster: r.cluster,
    istiod: r.istiod,
    version: r.version,
    subscribedTypes: r.subscribed,
    types: Object.fromEntries(
      r.subscribed.map((t) => {
        const v = r.types[t] as StatusRow['types'][string];
        return [t, { status: v.status, ...(v.lastUpdated ? { lastUpdated: v.lastUpdated } : {}) }];
      }),
    ),
  }));
}

export function formatStatusDocument(rows: readonly StatusRow[], format: 'json' | 'yaml'): string {
  const records = statusRecords(rows);
  return format === 'json' ? formatJson(records) : formatYaml(records);
}

/** One proxy: istiod's view against Envoy's, per type, as `Clusters Match` or the differing names. */
export function formatConfigDiff(proxy: string, diffs: readonly TypeDiff[]): string {
  let out = '';
  for (const d of diffs) {
    if (d.missingInEnvoy.length === 0 && d.extraInEnvoy.length === 0 && d.changed.length === 0) {
      out += `${d.label} Match${d.envoyLastUpdated ? ` (${d.type} last loaded at ${d.envoyLastUpdated})` : ''}\n`;
      continue;
    }
    out += `${d.label} Don't Match (${proxy})\n`;
    for (const n of d.missingInEnvoy) out += `  - ${n} (sent by istiod, not in Envoy)\n`;
    for (const n of d.extraInEnvoy) out += `  + ${n} (in Envoy, not sent by istiod)\n`;
    for (const c of d.changed) {
      out += `  ~ ${c.name}\n`;
      for (const f of c.fields) out += `      ${f}\n`;
    }
  }
  return out;
}
