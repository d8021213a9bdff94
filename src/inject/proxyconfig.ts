/**
 * The pod's ProxyConfig: the mesh's `defaultConfig`, then the `proxy.istio.io/config` annotation over it.
 * Templates see Go field names (with the few methods istiod's templates call); `protoToJSON` prints only
 * what differs from Istio's built-in proxy defaults, as PROXY_CONFIG does.
 */
import { goStringMap } from './gotemplate/values.js';
import { goView, JSON_SOURCE } from './goview.js';
import { parseFastYaml, Unsupported } from './fastyaml.js';
import type { JsonObject } from './types.js';
import { requireYaml, type FullYaml } from './yaml-port.js';

const BUILTIN_PROXY_DEFAULTS: Readonly<Record<string, unknown>> = {
  configPath: './etc/istio/proxy',
  binaryPath: '/usr/local/bin/envoy',
  serviceCluster: 'istio-proxy',
  drainDuration: '45s',
  terminationDrainDuration: '5s',
  proxyAdminPort: 15000,
  controlPlaneAuthPolicy: 'MUTUAL_TLS',
  discoveryAddress: 'istiod.istio-system.svc:15012',
  statNameLength: 189,
  statusPort: 15020,
  interceptionMode: 'REDIRECT',
};

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Proto-style merge: messages and maps merge, scalars and lists replace. */
export function mergeJson(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? mergeJson(base[k], v) : v;
  return out;
}

/** Parses the `proxy.istio.io/config` annotation (YAML or JSON). Throws with a reason when invalid. */
export function parseProxyConfigAnnotation(text: string, yaml?: FullYaml): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    try {
      value = parseFastYaml(text);
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
      value = requireYaml(yaml, 'the proxy.istio.io/config annotation').parse(text, { logLevel: 'error' }) as unknown;
    }
  }
  if (value === null || value === undefined) return {};
  if (!isObject(value)) throw new Error('expected a ProxyConfig mapping');
  return value as JsonObject;
}

export interface ProxyConfigResult {
  /** Effective config (defaults filled in where templates read them). */
  effective: JsonObject;
  /** The template's `.ProxyConfig`. */
  view: Record<string | symbol, unknown>;
}

export function proxyConfigFor(meshConfig: JsonObject, annotationOverride: JsonObject | undefined): ProxyConfigResult {
  const fromMesh = (isObject(meshConfig.defaultConfig) ? meshConfig.defaultConfig : {}) as JsonObject;
  const merged = (annotationOverride ? mergeJson(fromMesh, annotationOverride) : fromMesh) as JsonObject;
  const printed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(merged)) {
    if (BUILTIN_PROXY_DEFAULTS[k] !== v) printed[k] = v;
  }
  const effective: JsonObject = { ...merged };
  effective.interceptionMode ??= 'REDIRECT';
  effective.statusPort ??= 15020;
  effective.proxyMetadata ??= {};
  const view = goView(effective) as Record<string | symbol, unknown>;
  const hold = effective.holdApplicationUntilProxyStarts === true || (isObject(effective.holdApplicationUntilProxyStarts) && effective.holdApplicationUntilProxyStarts.value === true);
  view.HoldApplicationUntilProxyStarts = { Value: hold, GetValue: () => hold };
  view.ProxyMetadata = goStringMap({ ...(effective.proxyMetadata as Record<string, string>) });
  const mode = String(effective.interceptionMode);
  // an enum: prints as its name, and has the String method istiod's templates call
  view.InterceptionMode = { String: () => mode };
  const tracing = isObject(effective.tracing) ? goView(effective.tracing) : null;
  view.GetTracing = () => tracing;
  view[JSON_SOURCE] = printed;
  return { effective, view };
}

/** `.MeshConfig` for templates: Go field names with zero values for the fields templates read. */
export function meshConfigView(meshConfig: JsonObject): Record<string | symbol, unknown> {
  const view = goView(meshConfig) as Record<string | symbol, unknown>;
  view.ProxyListenPort ??= 0;
  view.ProxyInboundListenPort ??= 0;
  view.TrustDomain ??= '';
  return view;
}
