/**
 * Semantic checks of extensions.istio.io kinds: WasmPlugin and TrafficExtension (its `wasm` or `lua` part).
 * The URL scheme, the sha256 format, enums and bounds are schema/CEL rules; here: what the URL must hold
 * besides its scheme, settings that only apply to OCI images, unique ports and environment variables.
 */
import type { PathSegment } from '../../resources/types.js';
import { requestUriScheme, urlHost } from '../cel-policies.js';
import { arr, num, obj, str, type Obj } from './access.js';
import type { SemanticCheck, SemanticContext } from './index.js';
import { checkTargeting } from './policy-target.js';

type P = PathSegment[];

/** The scheme a module URL is fetched with: `oci` when it has none (a registry reference). */
export function moduleScheme(url: string): string | undefined {
  const scheme = requestUriScheme(url);
  if (scheme === undefined) return requestUriScheme(`http://${url}`) === undefined ? undefined : 'oci';
  return scheme === '' ? 'oci' : scheme;
}

/** What the URL needs besides an allowed scheme (which the CEL rule checks). */
export function moduleUrlError(url: string): string | undefined {
  const scheme = moduleScheme(url);
  if (scheme === 'file') return /^file:\/\/\/?[^/]/i.test(url) || /^file:\/[^/]/i.test(url) ? undefined : `"${url}" needs a path to the module file, e.g. file:///opt/filters/plugin.wasm`;
  if (scheme === 'http' || scheme === 'https' || (scheme === 'oci' && /^oci:/i.test(url))) {
    if (!urlHost(url)) return `"${url}" has no host`;
  }
  return undefined;
}

/** The module fields WasmPlugin has in `spec` and TrafficExtension in `spec.wasm`. */
function checkModule(module: Obj, path: P, ctx: SemanticContext): void {
  const url = str(module.url);
  const scheme = url === undefined ? undefined : moduleScheme(url);
  if (url !== undefined) {
    const e = moduleUrlError(url);
    if (e) ctx.report([...path, 'url'], e);
    if (scheme === 'http' && !str(module.sha256)) ctx.report([...path, 'url'], 'the module is fetched over plain HTTP without sha256, so nothing verifies it', 'warning');
  }
  if (scheme === 'http' || scheme === 'https' || scheme === 'file') {
    for (const field of ['imagePullPolicy', 'imagePullSecret'] as const) {
      if (module[field] !== undefined) ctx.report([...path, field], `${field} only applies to OCI images, not to ${scheme}:// URLs`, 'warning');
    }
  }
  const names = new Set<string>();
  arr(obj(module.vmConfig)?.env).forEach((e, i) => {
    const name = str(obj(e)?.name);
    if (name === undefined) return;
    if (names.has(name)) ctx.report([...path, 'vmConfig', 'env', i, 'name'], `environment variable "${name}" is set twice`);
    names.add(name);
  });
}

function checkMatch(match: unknown, ctx: SemanticContext): void {
  arr(match).forEach((m, i) => {
    const seen = new Set<number>();
    arr(obj(m)?.ports).forEach((p, pi) => {
      const n = num(obj(p)?.number);
      if (n === undefined) return;
      if (seen.has(n)) ctx.report(['spec', 'match', i, 'ports', pi, 'number'], `port ${n} is listed twice`);
      seen.add(n);
    });
  });
}

export const checkWasmPlugin: SemanticCheck = (doc, ctx) => {
  const spec = obj(doc.spec);
  if (!spec) return;
  checkTargeting(doc, spec, ctx);
  checkModule(spec, ['spec'], ctx);
  checkMatch(spec.match, ctx);
};

export const checkTrafficExtension: SemanticCheck = (doc, ctx) => {
  const spec = obj(doc.spec);
  if (!spec) return;
  checkTargeting(doc, { ...spec, targetRef: undefined }, ctx); // no targetRef here: the schema reports it
  const wasm = obj(spec.wasm);
  if (wasm) checkModule(wasm, ['spec', 'wasm'], ctx);
  const code = str(obj(spec.lua)?.inlineCode);
  if (code !== undefined && code.trim() !== '' && !/\benvoy_on_(request|response)\b/.test(code)) {
    ctx.report(['spec', 'lua', 'inlineCode'], 'the Lua code defines neither envoy_on_request nor envoy_on_response, so it never runs', 'warning');
  }
  checkMatch(spec.match, ctx);
};

export const checks: Readonly<Record<string, SemanticCheck>> = {
  TrafficExtension: checkTrafficExtension,
  WasmPlugin: checkWasmPlugin,
};
