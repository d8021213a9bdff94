/** istiod's checks of VirtualService that the schema cannot express. */
import type { PathSegment } from '../../resources/types.js';
import { arr, entries, num, obj, str, type Obj } from './access.js';
import type { SemanticContext } from './index.js';
import { fqdnError, isDns1123Label, isNamespaceName, regexError, wildcardDomainError } from './names.js';

type P = PathSegment[];

/** `mesh`, `name`, `namespace/name`. */
export function gatewayRefError(ref: string): string | undefined {
  if (ref === 'mesh') return undefined;
  const parts = ref.split('/');
  if (parts.length > 2) return `gateway "${ref}" must be "mesh", "name" or "namespace/name"`;
  const [a, b] = parts as [string, string | undefined];
  if (b !== undefined && !isNamespaceName(a)) return `gateway "${ref}": "${a}" is not a namespace name`;
  const name = b ?? a;
  if (wildcardDomainError(name) !== undefined || name.includes('*')) return `gateway "${ref}": "${name}" is not a valid gateway name`;
  return undefined;
}

function checkStringMatch(m: unknown, path: P, ctx: SemanticContext): void {
  const regex = str(obj(m)?.regex);
  if (regex !== undefined) {
    const e = regexError(regex);
    if (e) ctx.report([...path, 'regex'], e);
  }
}

function checkDestination(d: unknown, path: P, ctx: SemanticContext): void {
  const dest = obj(d);
  if (!dest) return;
  const host = str(dest.host);
  if (host !== undefined) {
    const e = fqdnError(host);
    if (e) ctx.report([...path, 'host'], e);
  }
  const subset = str(dest.subset);
  if (subset !== undefined && subset !== '' && !isDns1123Label(subset)) ctx.report([...path, 'subset'], `subset "${subset}" is not a valid name (a DNS label)`);
  const port = num(obj(dest.port)?.number);
  if (port !== undefined && (port < 1 || port > 65535)) ctx.report([...path, 'port', 'number'], `port ${port} is not in 1..65535`);
}

function checkWeights(routes: unknown[], path: P, ctx: SemanticContext): void {
  let total = 0;
  let anySet = false;
  routes.forEach((r, i) => {
    const w = num(obj(r)?.weight);
    if (w === undefined) return;
    anySet = true;
    if (w < 0) ctx.report([...path, i, 'weight'], `weight ${w} cannot be negative`);
    total += w;
  });
  if (routes.length > 1 && anySet && total !== 100) ctx.report(path, `route weights add up to ${total}, not 100`);
  if (routes.length === 1 && anySet && total !== 100 && total !== 0) ctx.report([...path, 0, 'weight'], `the only destination has weight ${total}; it gets all traffic (use 100 or leave it out)`, 'warning');
}

function checkPercentage(p: unknown, path: P, ctx: SemanticContext): void {
  const v = num(obj(p)?.value);
  if (v !== undefined && (v < 0 || v > 100)) ctx.report([...path, 'value'], `percentage ${v} is not in 0..100`);
}

function checkHttpRoute(route: Obj, path: P, ctx: SemanticContext, delegate: boolean): void {
  const routes = arr(route.route);
  const hasRedirect = obj(route.redirect) !== undefined;
  const hasDirect = obj(route.directResponse) !== undefined;
  const hasDelegate = obj(route.delegate) !== undefined;
  if (routes.length === 0 && !hasRedirect && !hasDirect && !hasDelegate) ctx.report(path, 'an HTTP route needs route, redirect, directResponse or delegate');
  if ([routes.length > 0, hasRedirect, hasDirect, hasDelegate].filter(Boolean).length > 1) {
    ctx.report(path, 'route, redirect, directResponse and delegate are mutually exclusive');
  }
  if (hasDelegate && delegate) ctx.report([...path, 'delegate'], 'a delegate VirtualService cannot delegate again');
  if (hasRedirect && obj(route.rewrite)) ctx.report([...path, 'rewrite'], 'rewrite cannot be used with redirect');
  const rewrite = obj(route.rewrite);
  if (rewrite && str(rewrite.uri) !== undefined && obj(rewrite.uriRegexRewrite)) ctx.report([...path, 'rewrite'], 'uri and uriRegexRewrite are mutually exclusive');
  const uriRegex = str(obj(rewrite?.uriRegexRewrite)?.match);
  if (uriRegex !== undefined) {
    const e = regexError(uriRegex);
    if (e) ctx.report([...path, 'rewrite', 'uriRegexRewrite', 'match'], e);
  }
  routes.forEach((r, i) => checkDestination(obj(r)?.destination, [...path, 'route', i, 'destination'], ctx));
  checkWeights(routes, [...path, 'route'], ctx);
  arr(route.match).forEach((m, i) => {
    const match = obj(m);
    if (!match) return;
    const mp = [...path, 'match', i];
    for (const f of ['uri', 'scheme', 'method', 'authority']) if (match[f] !== undefined) checkStringMatch(match[f], [...mp, f], ctx);
    for (const f of ['headers', 'queryParams', 'withoutHeaders']) {
      for (const [k, v] of entries(match[f])) {
        if (f !== 'queryParams' && k !== k.toLowerCase()) ctx.report([...mp, f, k], `header name "${k}" must be lower case`);
        checkStringMatch(v, [...mp, f, k], ctx);
      }
    }
    const port = num(match.port);
    if (port !== undefined && (port < 1 || port > 65535)) ctx.report([...mp, 'port'], `port ${port} is not in 1..65535`);
    arr(match.gateways).forEach((g, gi) => {
      const e = typeof g === 'string' ? gatewayRefError(g) : undefined;
      if (e && ctx.referential) ctx.report([...mp, 'gateways', gi], e);
    });
  });
  const redirect = obj(route.redirect);
  const code = num(redirect?.redirectCode);
  if (code !== undefined && code !== 0 && (code < 300 || code > 399)) ctx.report([...path, 'redirect', 'redirectCode'], `redirect code ${code} is not a 3xx status`);
  const status = num(obj(route.directResponse)?.status);
  if (status !== undefined && (status < 200 || status > 599)) ctx.report([...path, 'directResponse', 'status'], `status ${status} is not in 200..599`);
  const fault = obj(route.fault);
  if (fault) {
    const abort = obj(fault.abort);
    const hs = num(abort?.httpStatus);
    if (hs !== undefined && (hs < 200 || hs > 599)) ctx.report([...path, 'fault', 'abort', 'httpStatus'], `HTTP status ${hs} is not in 200..599`);
    if (abort) checkPercentage(abort.percentage, [...path, 'fault', 'abort', 'percentage'], ctx);
    const delay = obj(fault.delay);
    if (delay) checkPercentage(delay.percentage, [...path, 'fault', 'delay', 'percentage'], ctx);
    const pct = num(delay?.percent);
    if (pct !== undefined && (pct < 0 || pct > 100)) ctx.report([...path, 'fault', 'delay', 'percent'], `percent ${pct} is not in 0..100`);
    if (abort === undefined && delay === undefined) ctx.report([...path, 'fault'], 'a fault needs abort or delay');
  }
  const attempts = num(obj(route.retries)?.attempts);
  if (attempts !== undefined && attempts < 0) ctx.report([...path, 'retries', 'attempts'], 'attempts cannot be negative');
  if (route.mirror !== undefined) checkDestination(route.mirror, [...path, 'mirror'], ctx);
  checkPercentage(route.mirrorPercentage, [...path, 'mirrorPercentage'], ctx);
  arr(route.mirrors).forEach((m, i) => {
    checkDestination(obj(m)?.destination, [...path, 'mirrors', i, 'destination'], ctx);
    checkPercentage(obj(m)?.percentage, [...path, 'mirrors', i, 'percentage'], ctx);
  });
  if (route.mirror !== undefined && arr(route.mirrors).length > 0) ctx.report([...path, 'mirrors'], 'mirror and mirrors cannot both be set');
  arr(obj(route.corsPolicy)?.allowOrigins).forEach((o, i) => checkStringMatch(o, [...path, 'corsPolicy', 'allowOrigins', i], ctx));
}

export function checkVirtualService(doc: Obj, ctx: SemanticContext): void {
  const spec = obj(doc.spec);
  if (!spec) return;
  const hosts = arr(spec.hosts).filter((h): h is string => typeof h === 'string');
  const delegate = hosts.length === 0;
  const gateways = arr(spec.gateways);
  const meshBound = gateways.length === 0 || gateways.includes('mesh');
  arr(spec.hosts).forEach((h, i) => {
    if (typeof h !== 'string') return;
    if (h === '*' && meshBound) ctx.report(['spec', 'hosts', i], 'host "*" is only allowed for VirtualServices bound to gateways (not to the mesh)');
    else if (h !== '*') {
      const e = wildcardDomainError(h);
      if (e && !h.includes('/')) ctx.report(['spec', 'hosts', i], e);
      if (h.includes('/')) ctx.report(['spec', 'hosts', i], `host "${h}" cannot contain "/": use a DNS name or IP`);
    }
  });
  if (ctx.referential) {
    gateways.forEach((g, i) => {
      const e = typeof g === 'string' ? gatewayRefError(g) : undefined;
      if (e) ctx.report(['spec', 'gateways', i], e);
    });
  }
  const http = arr(spec.http);
  const tcp = arr(spec.tcp);
  const tls = arr(spec.tls);
  if (http.length === 0 && tcp.length === 0 && tls.length === 0) ctx.report(['spec'], 'a VirtualService needs at least one http, tls or tcp route');
  const names = new Set<string>();
  http.forEach((r, i) => {
    const route = obj(r);
    if (!route) return;
    const name = str(route.name);
    if (name) {
      if (names.has(name)) ctx.report(['spec', 'http', i, 'name'], `route name "${name}" is used twice`, 'warning');
      names.add(name);
    }
    checkHttpRoute(route, ['spec', 'http', i], ctx, delegate);
  });
  const l4 = (kind: 'tcp' | 'tls', list: unknown[]) =>
    list.forEach((r, i) => {
      const route = obj(r);
      if (!route) return;
      const routes = arr(route.route);
      if (routes.length === 0) ctx.report(['spec', kind, i], `a ${kind} route needs at least one destination`);
      routes.forEach((d, di) => checkDestination(obj(d)?.destination, ['spec', kind, i, 'route', di, 'destination'], ctx));
      checkWeights(routes, ['spec', kind, i, 'route'], ctx);
      arr(route.match).forEach((m, mi) => {
        const match = obj(m);
        for (const [f, list] of [['destinationSubnets', arr(match?.destinationSubnets)]] as const) {
          list.forEach((s, si) => {
            if (typeof s === 'string' && !/^[0-9a-fA-F:.]+(\/\d+)?$/.test(s)) ctx.report(['spec', kind, i, 'match', mi, f, si], `"${s}" is not an IP address or CIDR range`);
          });
        }
        if (kind === 'tls') {
          arr(match?.sniHosts).forEach((sni, si) => {
            if (typeof sni !== 'string') return;
            const e = wildcardDomainError(sni);
            if (e) ctx.report(['spec', 'tls', i, 'match', mi, 'sniHosts', si], e);
            else if (!delegate && !hosts.some((h) => hostCovers(h, sni))) {
              ctx.report(['spec', 'tls', i, 'match', mi, 'sniHosts', si], `SNI host "${sni}" is not one of the VirtualService's hosts`);
            }
          });
        }
      });
    });
  l4('tcp', tcp);
  l4('tls', tls);
}

/** `*.example.com` covers `a.example.com`; `*` covers everything. */
export function hostCovers(pattern: string, host: string): boolean {
  if (pattern === '*' || pattern === host) return true;
  if (pattern.startsWith('*')) {
    const suffix = pattern.slice(1);
    if (host.startsWith('*')) return host.slice(1).endsWith(suffix);
    return host.endsWith(suffix);
  }
  return false;
}
