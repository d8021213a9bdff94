/**
 * Semantic checks of security.istio.io kinds (istiod's validation beyond the schema and the CEL rules).
 * AuthorizationPolicy lives in authorization.ts; PeerAuthentication and RequestAuthentication here.
 */
import type { PathSegment } from '../../resources/types.js';
import { requestUriScheme, urlHost } from '../cel-policies.js';
import { arr, entries, obj, str, type Obj } from './access.js';
import { checkAuthorizationPolicy } from './authorization.js';
import type { SemanticCheck, SemanticContext } from './index.js';
import { checkMatchLabels, checkTargeting } from './policy-target.js';

type P = PathSegment[];

/** An HTTP header name as Envoy accepts it (an RFC 7230 token). */
const HEADER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Headers a JWT claim must not be written to: the authority, hop-by-hop headers, Envoy's own. */
const RESERVED_HEADERS = new Set(['host', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'content-length']);

export function headerNameError(name: string): string | undefined {
  if (!HEADER_TOKEN.test(name)) return `"${name}" is not a valid HTTP header name`;
  return reservedHeaderError(name);
}

/** Headers a JWT claim or payload must not be written to. */
export function reservedHeaderError(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (RESERVED_HEADERS.has(lower) || lower.startsWith('x-envoy-')) return `header "${name}" is reserved and cannot be set from a JWT`;
  return undefined;
}

/** What istiod's JWKS fetcher accepts beyond the scheme (the CEL rule): a host and a valid port. */
export function jwksUriError(uri: string): string | undefined {
  const scheme = requestUriScheme(uri);
  if (scheme !== 'http' && scheme !== 'https') return undefined; // the CEL rule reports it
  return urlHost(uri) ? undefined : `"${uri}" has no host`;
}

/** An inline JWKS: JSON with a non-empty `keys` list of objects that name their key type. */
export function jwksError(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'jwks is not valid JSON (it must be a JSON Web Key Set: {"keys": [...]})';
  }
  const keys = obj(parsed)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) return 'jwks must be a JSON Web Key Set: an object with a non-empty "keys" list';
  const bad = keys.findIndex((k) => typeof obj(k)?.kty !== 'string');
  return bad < 0 ? undefined : `jwks key ${bad} has no "kty"`;
}

function checkJwtRule(rule: Obj, path: P, ctx: SemanticContext): void {
  if (str(rule.issuer) === undefined) ctx.report(path, 'issuer is required');
  for (const field of ['jwksUri', 'jwks_uri'] as const) {
    const uri = str(rule[field]);
    const e = uri === undefined ? undefined : jwksUriError(uri);
    if (e) ctx.report([...path, field], e);
  }
  if (rule.jwks_uri !== undefined) ctx.report([...path, 'jwks_uri'], 'jwks_uri is the old spelling; use jwksUri', 'warning');
  const jwks = str(rule.jwks);
  if (jwks !== undefined) {
    const e = jwksError(jwks);
    if (e) ctx.report([...path, 'jwks'], e);
  }
  arr(rule.fromHeaders).forEach((h, i) => {
    const name = str(obj(h)?.name);
    if (name && !HEADER_TOKEN.test(name)) ctx.report([...path, 'fromHeaders', i, 'name'], `"${name}" is not a valid HTTP header name`);
  });
  const written = new Map<string, string>();
  arr(rule.outputClaimToHeaders).forEach((c, i) => {
    const header = str(obj(c)?.header);
    if (!header) return;
    const e = reservedHeaderError(header); // the schema's pattern checks the syntax
    if (e) ctx.report([...path, 'outputClaimToHeaders', i, 'header'], e);
    const lower = header.toLowerCase();
    if (written.has(lower)) ctx.report([...path, 'outputClaimToHeaders', i, 'header'], `header "${header}" is already written from claim "${written.get(lower)}"`, 'warning');
    written.set(lower, str(obj(c)?.claim) ?? '');
  });
  const payload = str(rule.outputPayloadToHeader);
  if (payload) {
    const e = headerNameError(payload);
    if (e) ctx.report([...path, 'outputPayloadToHeader'], e);
    else if (written.has(payload.toLowerCase())) ctx.report([...path, 'outputPayloadToHeader'], `header "${payload}" is also written from a claim`, 'warning');
  }
}

export const checkRequestAuthentication: SemanticCheck = (doc, ctx) => {
  const spec = obj(doc.spec);
  if (!spec) return;
  checkTargeting(doc, spec, ctx);
  arr(spec.jwtRules).forEach((r, i) => {
    const rule = obj(r);
    if (rule) checkJwtRule(rule, ['spec', 'jwtRules', i], ctx);
  });
};

export const checkPeerAuthentication: SemanticCheck = (doc, ctx) => {
  const spec = obj(doc.spec);
  if (!spec) return;
  checkMatchLabels(spec.selector, ['spec', 'selector'], ctx);
  const ports = obj(spec.portLevelMtls);
  // An empty portLevelMtls is refused by the schema (minProperties: 1).
  for (const [port, setting] of entries(ports)) {
    const mode = str(obj(setting)?.mode);
    if (mode === undefined || mode === 'UNSET') ctx.report(['spec', 'portLevelMtls', port], `port ${port} sets no mode, so it inherits the workload's; set a mode or leave the port out`, 'warning');
  }
};

export const checks: Readonly<Record<string, SemanticCheck>> = {
  AuthorizationPolicy: checkAuthorizationPolicy,
  PeerAuthentication: checkPeerAuthentication,
  RequestAuthentication: checkRequestAuthentication,
};
