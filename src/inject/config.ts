/**
 * InjectConfig from its sources, as istioctl reads them: `--injectConfigFile` (the injector ConfigMap's
 * `config` key, the whole ConfigMap, or a bare template), `--valuesFile` (its `values` key, JSON or YAML),
 * `--meshConfigFile` (a MeshConfig or the `istio` ConfigMap), each over the install defaults.
 */
import { parse } from 'yaml';
import { configFromInputs, injectorSettingsFromValues, type InjectInputs } from './defaults.js';
import { mergeJson } from './proxyconfig.js';
import type { InjectConfig, InjectorSettings, JsonObject, LabelSelector } from './types.js';

export interface TextSource {
  /** File name (or `ConfigMap ns/name`) for messages. */
  source: string;
  text: string;
}

export interface ConfigSources {
  injectConfig?: TextSource;
  values?: TextSource;
  meshConfig?: TextSource;
}

/** A source that cannot be used; the command turns it into exit 65. */
export class ConfigSourceError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function parseYaml(src: TextSource): unknown {
  try {
    return parse(src.text, { prettyErrors: false, logLevel: 'error' });
  } catch (err) {
    throw new ConfigSourceError(src.source, `not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** `data.<key>` when the text is a whole ConfigMap, else undefined. */
function configMapKey(value: unknown, key: string, src: TextSource): string | undefined {
  if (!isObject(value) || value.kind !== 'ConfigMap') return undefined;
  const data = isObject(value.data) ? value.data : {};
  const v = data[key];
  if (typeof v !== 'string') throw new ConfigSourceError(src.source, `ConfigMap has no data.${key}`);
  return v;
}

/** The injector's `config` text (policy, selectors, templates) -> settings. A bare template becomes `sidecar`. */
export function parseInjectorSettings(src: TextSource, fallback: InjectorSettings): InjectorSettings {
  let value: unknown;
  try {
    value = parse(src.text, { prettyErrors: false, logLevel: 'error' });
  } catch {
    value = undefined; // Go template text is often not YAML: a bare template
  }
  const inner = configMapKey(value, 'config', src);
  if (inner !== undefined) return parseInjectorSettings({ source: src.source, text: inner }, fallback);
  const isConfig = isObject(value) && ('templates' in value || 'template' in value || 'policy' in value || 'defaultTemplates' in value);
  if (!isConfig) return { ...fallback, templates: { ...fallback.templates, sidecar: src.text }, defaultTemplates: ['sidecar'] };
  const v = value as Record<string, unknown>;
  const templates: Record<string, string> = {};
  if (typeof v.template === 'string') templates.sidecar = v.template;
  if (isObject(v.templates)) for (const [k, t] of Object.entries(v.templates)) if (typeof t === 'string') templates[k] = t;
  if (Object.keys(templates).length === 0) throw new ConfigSourceError(src.source, 'injector config has no templates');
  const selectors = (x: unknown) => (Array.isArray(x) ? (x.filter(isObject) as LabelSelector[]) : []);
  const aliases: Record<string, string[]> = {};
  if (isObject(v.aliases)) for (const [k, a] of Object.entries(v.aliases)) if (Array.isArray(a)) aliases[k] = a.map(String);
  return {
    policy: typeof v.policy === 'string' ? v.policy : fallback.policy,
    alwaysInjectSelector: selectors(v.alwaysInjectSelector),
    neverInjectSelector: selectors(v.neverInjectSelector),
    injectedAnnotations: isObject(v.injectedAnnotations) ? (v.injectedAnnotations as Record<string, string>) : {},
    defaultTemplates: Array.isArray(v.defaultTemplates) && v.defaultTemplates.length > 0 ? v.defaultTemplates.map(String) : ['sidecar'],
    templates,
    aliases,
  };
}

export function parseValues(src: TextSource): JsonObject {
  const value = parseYaml(src);
  const inner = configMapKey(value, 'values', src);
  const values = inner !== undefined ? parseYaml({ source: src.source, text: inner }) : value;
  if (!isObject(values)) throw new ConfigSourceError(src.source, 'values must be a mapping');
  return values as JsonObject;
}

export function parseMeshConfig(src: TextSource): JsonObject {
  const value = parseYaml(src);
  const inner = configMapKey(value, 'mesh', src);
  const mesh = inner !== undefined ? parseYaml({ source: src.source, text: inner }) : value;
  if (mesh === null || mesh === undefined) return {};
  if (!isObject(mesh)) throw new ConfigSourceError(src.source, 'mesh config must be a mapping');
  return mesh as JsonObject;
}

/** Sources over the defaults (values and mesh config merge over them, an injector config replaces). Throws ConfigSourceError. */
export function buildInjectConfig(base: InjectInputs, sources: ConfigSources): InjectConfig {
  if (!sources.values && !sources.meshConfig && !sources.injectConfig) return configFromInputs(base);
  const merged = (sources.values ? mergeJson(base.values, parseValues(sources.values)) : base.values) as JsonObject;
  const meshConfig = (sources.meshConfig ? mergeJson(base.meshConfig, parseMeshConfig(sources.meshConfig)) : base.meshConfig) as JsonObject;
  const revision = base.revision || (typeof merged.revision === 'string' ? merged.revision : '');
  const values = { ...merged, revision };
  const fromValues = injectorSettingsFromValues(values);
  const injector = sources.injectConfig ? parseInjectorSettings(sources.injectConfig, fromValues) : fromValues;
  return { injector, values, meshConfig, revision };
}
