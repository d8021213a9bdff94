/** `proxy-config route`: one row per virtual host (NAME, VHOST NAME, DOMAINS, MATCH, VIRTUAL SERVICE). */
import type { ConfigDump, Json } from './dump.js';
import { istioConfigRef, rec, recs, str } from './fields.js';

export interface RouteRow {
  name: string;
  vhost: string;
  domains: string[];
  matches: string[];
  virtualServices: string[];
  config: Json;
}

function describeRouteMatch(match: Json | undefined): string {
  if (!match) return '-';
  const prefix = str(match.prefix);
  if (prefix !== undefined) return `${prefix}*`;
  const path = str(match.path);
  if (path !== undefined) return path;
  const regex = str(rec(match.safeRegex)?.regex);
  if (regex !== undefined) return regex;
  const template = str(rec(rec(match.pathMatchPolicy)?.typedConfig)?.pathTemplate);
  return template ?? '-';
}

export function routeRows(dump: ConfigDump, filter: { name?: string } = {}): RouteRow[] {
  const rows: RouteRow[] = [];
  for (const rc of dump.routes) {
    if (filter.name !== undefined && rc.name !== filter.name) continue;
    const vhosts = recs(rc.config.virtualHosts);
    if (vhosts.length === 0) rows.push({ name: rc.name, vhost: '-', domains: [], matches: [], virtualServices: [], config: rc.config });
    for (const vh of vhosts) {
      const routes = recs(vh.routes);
      rows.push({
        name: rc.name,
        vhost: str(vh.name) ?? '',
        domains: Array.isArray(vh.domains) ? vh.domains.filter((d): d is string => typeof d === 'string') : [],
        matches: [...new Set(routes.map((r) => describeRouteMatch(rec(r.match))))],
        virtualServices: [...new Set(routes.map((r) => istioConfigRef(r, 'virtual-service')).filter(Boolean))],
        config: rc.config,
      });
    }
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }) || a.vhost.localeCompare(b.vhost));
}

/** istioctl-like domain summary: the shortest two names, then `+ N more...`. */
export function domainsCell(domains: readonly string[]): string {
  if (domains.length === 0) return '-';
  const named = domains.filter((d) => !/^[\d.:]+$/.test(d) && !d.includes(':'));
  const pick = (named.length > 0 ? named : [...domains]).slice().sort((a, b) => a.length - b.length || a.localeCompare(b)).slice(0, 2);
  const more = domains.length - pick.length;
  return more > 0 ? `${pick.join(', ')} + ${more} more...` : pick.join(', ');
}

export const ROUTE_HEADERS = ['NAME', 'VHOST NAME', 'DOMAINS', 'MATCH', 'VIRTUAL SERVICE'];

export function routeCells(r: RouteRow): string[] {
  return [r.name, r.vhost, domainsCell(r.domains), r.matches.join(', ') || '-', r.virtualServices.join(', ')];
}
