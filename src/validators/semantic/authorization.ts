/**
 * istiod's checks of AuthorizationPolicy beyond the schema: the action/provider pairing, what CUSTOM can
 * match on, non-empty rule parts, IP and CIDR syntax, port numbers, path templates, and `when` conditions
 * on known attributes with values of the right shape.
 */
import type { PathSegment } from '../../resources/types.js';
import { arr, obj, str, type Obj } from './access.js';
import type { SemanticCheck, SemanticContext } from './index.js';
import { cidrError, isNamespaceName } from './names.js';
import { checkTargeting } from './policy-target.js';

type P = PathSegment[];

const SOURCE_FIELDS = [
  'principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals', 'namespaces', 'notNamespaces',
  'ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks', 'serviceAccounts', 'notServiceAccounts',
  'trustDomains', 'notTrustDomains',
] as const;
const OPERATION_FIELDS = ['hosts', 'notHosts', 'ports', 'notPorts', 'methods', 'notMethods', 'paths', 'notPaths'] as const;
const IP_FIELDS = new Set(['ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks']);
/** Fields matched as strings with `*` allowed only as a prefix, a suffix, or alone. */
const GLOB_FIELDS = new Set(['principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals', 'namespaces', 'notNamespaces', 'hosts', 'notHosts', 'methods', 'notMethods']);
/** What CUSTOM policies cannot match on (the external authorizer runs before these are known to the proxy's RBAC). */
const CUSTOM_UNSUPPORTED_SOURCE = ['namespaces', 'notNamespaces', 'principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals'];

/** An IP address or CIDR range, as `ipBlocks` and the `*.ip` attributes take them. */
export function ipOrCidrError(value: string): string | undefined {
  return cidrError(value);
}

/** A port as `ports` and `destination.port` take it: a decimal number from 0 to 65535. */
export function portStringError(value: string): string | undefined {
  if (!/^[0-9]+$/.test(value)) return `port "${value}" is not a number`;
  return Number(value) > 65535 ? `port ${value} is not in 0..65535` : undefined;
}

/** `*` matches as a prefix (`*.example.com`), a suffix (`/api/*`) or alone; anywhere else it is literal. */
export function globWarning(value: string): string | undefined {
  if (!value.includes('*') || value === '*') return undefined;
  const inner = value.slice(1, -1);
  if (inner.includes('*') || (value.startsWith('*') && value.endsWith('*'))) return `"${value}": "*" only works as a prefix, a suffix or alone; here it is matched literally`;
  return undefined;
}

/** Path templates: `{*}` is one segment, `{**}` any number and must come last; other braces are not allowed. */
export function pathTemplateError(path: string): string | undefined {
  const hasTemplate = path.includes('{*}') || path.includes('{**}');
  let sawAny = false;
  for (const segment of path.replace(/^\/+|\/+$/g, '').split('/')) {
    if ((segment === '{*}' || segment === '{**}') && !sawAny) {
      sawAny = segment === '{**}';
      continue;
    }
    if (/[{}]/.test(segment)) {
      return sawAny && (segment === '{*}' || segment === '{**}')
        ? `path "${path}": {**} must be the last template operator`
        : `path "${path}": "{" and "}" are only allowed as the whole segments {*} and {**}`;
    }
    if (hasTemplate && segment.includes('*')) return `path "${path}": "*" cannot be mixed with {*} or {**}`;
  }
  return undefined;
}

/** A `name[key]` attribute: a non-empty key in brackets at the end. */
const hasMapKey = (key: string, prefix: string): boolean => key.startsWith(`${prefix}[`) && key.endsWith(']') && key.length > prefix.length + 2;

/** The attributes `when` may test, and the check each value gets. */
export function conditionKeyError(key: string): string | undefined {
  if (key === '') return 'key must not be empty';
  if (['source.ip', 'remote.ip', 'destination.ip', 'destination.port', 'source.namespace', 'source.principal', 'source.trustDomain', 'request.auth.principal', 'request.auth.audiences', 'request.auth.presenter', 'connection.sni'].includes(key)) return undefined;
  for (const prefix of ['request.headers', 'request.auth.claims']) {
    if (key.startsWith(prefix)) return hasMapKey(key, prefix) ? undefined : `"${key}" must name its key in brackets, e.g. ${prefix}[name]`;
  }
  if (key.startsWith('experimental.envoy.filters.')) {
    return /^experimental\.envoy\.filters\.[^[\]]+\[[^\]]+\](\[[^\]]+\])*$/.test(key) ? undefined : `"${key}" must be experimental.envoy.filters.<filter>[<key>]`;
  }
  return `unknown attribute "${key}"; use source.ip, source.namespace, source.principal, source.trustDomain, remote.ip, request.headers[...], request.auth.principal, request.auth.audiences, request.auth.presenter, request.auth.claims[...], destination.ip, destination.port, connection.sni or experimental.envoy.filters.*[...]`;
}

function conditionValueError(key: string, value: string): string | undefined {
  if (value === '') return 'values must not be empty strings';
  if (key === 'source.ip' || key === 'remote.ip' || key === 'destination.ip') return ipOrCidrError(value);
  if (key === 'destination.port') return portStringError(value);
  return undefined;
}

function checkStrings(list: unknown, field: string, path: P, ctx: SemanticContext): void {
  arr(list).forEach((v, i) => {
    if (typeof v !== 'string') return;
    const at = [...path, i];
    if (v === '') return ctx.report(at, `${field} must not contain empty strings`);
    if (IP_FIELDS.has(field)) {
      const e = ipOrCidrError(v);
      if (e) ctx.report(at, e);
    } else if (field === 'ports' || field === 'notPorts') {
      const e = portStringError(v);
      if (e) ctx.report(at, e);
    } else if (field === 'paths' || field === 'notPaths') {
      const e = pathTemplateError(v);
      if (e) ctx.report(at, e);
      else if (!v.includes('{') && globWarning(v)) ctx.report(at, globWarning(v) as string, 'warning');
      if (!v.startsWith('/') && !v.startsWith('*')) ctx.report(at, `path "${v}" does not start with "/": request paths always do, so it never matches`, 'warning');
    } else if (field === 'serviceAccounts' || field === 'notServiceAccounts') {
      // `namespace/name`, or a bare `name` in the policy's own namespace.
      const parts = v.split('/');
      const name = parts.at(-1) as string;
      if (parts.length > 2 || (parts.length === 2 && !isNamespaceName(parts[0] as string)) || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) {
        ctx.report(at, `service account "${v}" must be written namespace/name, or name for one in the policy's namespace`);
      }
    } else if (GLOB_FIELDS.has(field)) {
      const w = globWarning(v);
      if (w) ctx.report(at, w, 'warning');
      if ((field === 'methods' || field === 'notMethods') && v !== v.toUpperCase()) ctx.report(at, `method "${v}" is matched case-sensitively; HTTP methods are upper case`, 'warning');
    }
  });
}

function checkRule(rule: Obj, path: P, custom: boolean, ctx: SemanticContext): void {
  for (const part of ['from', 'to', 'when'] as const) {
    if (Array.isArray(rule[part]) && (rule[part] as unknown[]).length === 0) ctx.report([...path, part], `${part} must not be empty; leave it out to match everything`);
  }
  arr(rule.from).forEach((f, i) => {
    const at: P = [...path, 'from', i];
    const source = obj(obj(f)?.source);
    if (!source) return ctx.report(at, 'from needs a source');
    if (!SOURCE_FIELDS.some((k) => arr(source[k]).length > 0)) ctx.report([...at, 'source'], 'source must set at least one field');
    for (const k of SOURCE_FIELDS) checkStrings(source[k], k, [...at, 'source', k], ctx);
    if (custom) for (const k of CUSTOM_UNSUPPORTED_SOURCE) if (source[k] !== undefined) ctx.report([...at, 'source', k], `${k} is not supported with action CUSTOM`);
  });
  arr(rule.to).forEach((t, i) => {
    const at: P = [...path, 'to', i];
    const operation = obj(obj(t)?.operation);
    if (!operation) return ctx.report(at, 'to needs an operation');
    if (!OPERATION_FIELDS.some((k) => arr(operation[k]).length > 0)) ctx.report([...at, 'operation'], 'operation must set at least one field');
    for (const k of OPERATION_FIELDS) checkStrings(operation[k], k, [...at, 'operation', k], ctx);
  });
  arr(rule.when).forEach((w, i) => {
    const at: P = [...path, 'when', i];
    const cond = obj(w);
    const key = str(cond?.key);
    if (!cond || key === undefined) return;
    const keyError = conditionKeyError(key);
    if (keyError) return ctx.report([...at, 'key'], keyError);
    if (custom && (key === 'source.namespace' || key === 'source.principal' || key.startsWith('request.auth.'))) {
      ctx.report([...at, 'key'], `${key} is not supported with action CUSTOM`);
    }
    if (arr(cond.values).length === 0 && arr(cond.notValues).length === 0) ctx.report(at, `condition on ${key} needs values or notValues`);
    for (const field of ['values', 'notValues'] as const) {
      arr(cond[field]).forEach((v, vi) => {
        const e = typeof v === 'string' ? conditionValueError(key, v) : undefined;
        if (e) ctx.report([...at, field, vi], e);
      });
    }
  });
}

export const checkAuthorizationPolicy: SemanticCheck = (doc, ctx) => {
  const spec = obj(doc.spec);
  if (!spec) return;
  checkTargeting(doc, spec, ctx);
  const action = str(spec.action) ?? 'ALLOW';
  const provider = obj(spec.provider);
  const rules = spec.rules;
  if (action === 'CUSTOM') {
    if (!provider) ctx.report(['spec', 'action'], 'action CUSTOM needs provider.name (an extension provider of the mesh config)');
    else if (!str(provider.name)) ctx.report(['spec', 'provider'], 'provider.name must name an extension provider of the mesh config');
  } else if (spec.provider !== undefined && spec.provider !== null) {
    ctx.report(['spec', 'provider'], `provider is only used with action CUSTOM, not ${action}`);
  }
  if (action !== 'ALLOW' && (rules === undefined || rules === null)) {
    ctx.report(['spec', 'action'], `a ${action} policy without rules never matches; add an empty rule "{}" to match every request`);
  }
  arr(rules).forEach((r, i) => {
    const rule = obj(r);
    if (rule) checkRule(rule, ['spec', 'rules', i], action === 'CUSTOM', ctx);
  });
};
