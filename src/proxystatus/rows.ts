/**
 * From the proxies each istiod reports to the rows sailctl prints: merged across istiod replicas (a proxy
 * reported by two replicas while it reconnects counts once, with the most recent view), filtered by
 * namespace, sorted by proxy id. Ages are computed from the `now` the caller passes (no clock here).
 */
import type { ProxySync, TypeSync } from './syncz.js';
import { compareTypes, DEFAULT_COLUMNS } from './xds-types.js';

export interface StatusRow {
  name: string;
  namespace: string;
  cluster: string;
  istiod: string;
  version: string;
  /** Short names of the subscribed types, in istioctl's order. */
  subscribed: string[];
  /** Per type: `SYNCED`, `NOT SENT`, `STALE`, `ERROR`, `UNKNOWN`; types the proxy did not subscribe to are absent. */
  types: Record<string, { status: string; lastUpdated?: string; ageMs?: number }>;
}

function newest(types: readonly TypeSync[]): number {
  let best = Number.NEGATIVE_INFINITY;
  for (const t of types) {
    const ms = t.lastUpdated ? Date.parse(t.lastUpdated) : Number.NaN;
    if (Number.isFinite(ms) && ms > best) best = ms;
  }
  return best;
}

/** One entry per proxy id; when replicas disagree the most recently updated view wins, then the istiod name. */
export function mergeReplicas(perIstiod: ReadonlyArray<readonly ProxySync[]>): ProxySync[] {
  const byId = new Map<string, ProxySync>();
  for (const proxies of perIstiod) {
    for (const p of proxies) {
      const seen = byId.get(p.id);
      if (!seen) {
        byId.set(p.id, p);
        continue;
      }
      const a = newest(p.types);
      const b = newest(seen.types);
      if (a > b || (a === b && p.istiod < seen.istiod)) byId.set(p.id, p);
    }
  }
  return [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

export function toRows(proxies: readonly ProxySync[], options: { now: number; namespace?: string }): StatusRow[] {
  const rows: StatusRow[] = [];
  for (const p of proxies) {
    if (options.namespace !== undefined && p.namespace !== options.namespace) continue;
    const types: StatusRow['types'] = {};
    for (const t of p.types) {
      const at = t.lastUpdated ? Date.parse(t.lastUpdated) : Number.NaN;
      types[t.type] = {
        status: t.status,
        ...(t.lastUpdated ? { lastUpdated: t.lastUpdated } : {}),
        ...(Number.isFinite(at) ? { ageMs: Math.max(0, options.now - at) } : {}),
      };
    }
    rows.push({
      name: p.id,
      namespace: p.namespace,
      cluster: p.cluster,
      istiod: p.istiod,
      version: p.version,
      subscribed: Object.keys(types).sort(compareTypes),
      types,
    });
  }
  return rows;
}

/** `5 (CDS,LDS,EDS,RDS,ECDS)`. */
export function subscribedCell(row: StatusRow): string {
  return row.subscribed.length === 0 ? '0' : `${row.subscribed.length} (${row.subscribed.join(',')})`;
}

/** The per-type columns of `-v 1`: istioctl's five, plus any other type some proxy subscribes to. */
export function typeColumns(rows: readonly StatusRow[]): string[] {
  const all = new Set<string>(DEFAULT_COLUMNS);
  for (const r of rows) for (const t of r.subscribed) all.add(t);
  return [...all].sort(compareTypes);
}

/** Like kubectl's ages: `42s`, `3m7s`, `2h5m`, `3d4h`. */
export function formatAge(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d${h % 24}h` : `${d}d`;
}

/** `SYNCED (3m7s)`, `NOT SENT`, or `IGNORED` when the proxy did not subscribe to the type. */
export function typeCell(row: StatusRow, type: string): string {
  const t = row.types[type];
  if (!t) return 'IGNORED';
  return t.ageMs !== undefined && t.status !== 'NOT SENT' ? `${t.status} (${formatAge(t.ageMs)})` : t.status;
}
