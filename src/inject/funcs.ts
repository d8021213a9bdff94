/**
 * Istio's injector functions for templates (the names istiod registers next to sprig), with Go semantics:
 * `annotation` prints its default with fmt.Sprint, `valueOrDefault` treats "" and nil as unset, and so on.
 * Pure: `env` reads from the map it is given, never from the process.
 */
import { marshalYaml } from './gotemplate/goyaml.js';
import { JSON_SOURCE } from './goview.js';

export type TemplateFunc = (...args: unknown[]) => unknown;

/** fmt.Sprint for the values templates pass around. */
export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  if (typeof value === 'object' && typeof (value as { String?: unknown }).String === 'function') {
    return String((value as { String: () => unknown }).String());
  }
  if (typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${k}:${goSprint((value as Record<string, unknown>)[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  return String(value);
}

function mapOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function splitPorts(list: string): string[] {
  return list
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** JSON of a Go struct: what json.Marshal gives for the object the value was built from. */
export function structJSON(value: unknown): string {
  if (value === null || value === undefined) return '{}';
  const source = (value as Record<symbol, unknown>)[JSON_SOURCE];
  return JSON.stringify(source ?? value);
}

function containerPorts(containers: unknown): string[] {
  const out: string[] = [];
  for (const c of Array.isArray(containers) ? containers : []) {
    const container = mapOf(c);
    if (container.Name === 'istio-proxy') continue;
    for (const p of Array.isArray(container.Ports) ? container.Ports : []) {
      const port = mapOf(p).ContainerPort;
      if (port !== undefined && port !== null) out.push(String(port));
    }
  }
  return out;
}

function omitNil(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(omitNil);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = omitNil(v);
    return out;
  }
  return value;
}

function appendMultusNetwork(existing: unknown, network: unknown): string {
  const current = typeof existing === 'string' ? existing : '';
  const name = String(network);
  if (current === '') return name;
  const close = current.lastIndexOf(']');
  if (close !== -1) {
    try {
      const nets = JSON.parse(current) as Array<{ name?: string }>;
      if (Array.isArray(nets) && nets.some((n) => n && n.name === name)) return current;
    } catch {
      return current;
    }
    return `${current.slice(0, close)}, {"name": "${name}"}${current.slice(close)}`;
  }
  if (current.split(',').some((n) => n.trim() === name)) return current;
  return `${current}, ${name}`;
}

/** The function map istiod gives injection templates (sprig comes from the engine). */
export function injectorFuncs(env: Readonly<Record<string, string>> = {}): Record<string, TemplateFunc> {
  return {
    annotation: (meta, name, defaultValue) => {
      const annotations = mapOf(mapOf(meta).Annotations);
      const key = String(name);
      return Object.prototype.hasOwnProperty.call(annotations, key) ? String(annotations[key]) : goSprint(defaultValue);
    },
    valueOrDefault: (value, defaultValue) => (value === '' || value === null || value === undefined ? defaultValue : value),
    isset: (m, key) => Object.prototype.hasOwnProperty.call(mapOf(m), String(key)),
    excludeInboundPort: (port, excluded) => {
      const list = typeof excluded === 'string' ? excluded : goSprint(excluded ?? '');
      const portText = goSprint(port).trim();
      if (portText === '' || portText === '0' || portText === '<nil>') return list;
      const ports = splitPorts(list);
      if (ports.includes(portText)) return list;
      return [...ports, portText].join(',');
    },
    includeInboundPorts: (containers) => containerPorts(containers).join(','),
    applicationPorts: (containers) => containerPorts(containers).join(','),
    kubevirtInterfaces: (ifaces) => String(ifaces ?? ''),
    excludeInterfaces: (ifaces) => String(ifaces ?? ''),
    structToJSON: (value) => structJSON(value),
    protoToJSON: (value) => structJSON(value),
    toJSON: (value) => {
      if (value === null || value === undefined) return '{}';
      const m = mapOf(value);
      return JSON.stringify(Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]])));
    },
    fromJSON: (text) => {
      try {
        return JSON.parse(String(text)) as unknown;
      } catch {
        return null;
      }
    },
    omitNil: (value) => omitNil(value),
    directory: (path) => {
      const p = String(path ?? '');
      const i = p.lastIndexOf('/');
      return i <= 0 ? (i === 0 ? '/' : '.') : p.slice(0, i);
    },
    toLower: (s) => String(s ?? '').toLowerCase(),
    appendMultusNetwork: (existing, network) => appendMultusNetwork(existing, network),
    env: (key, defaultValue) => {
      const v = env[String(key)];
      return v === undefined || v === '' ? defaultValue : v;
    },
    formatDuration: (d) => goSprint(d),
    otelResourceAttributes: () => '',
    // istiod registers these over sprig's: indent leaves the first line alone, toYaml keeps its final newline
    indent: (spaces, text) => {
      const pad = ' '.repeat(Number(spaces) || 0);
      return String(text ?? '').split('\n').map((line, i) => (i === 0 ? line : pad + line)).join('\n');
    },
    toYaml: (value) => marshalYaml(value),
    contains: (needle, haystack) => String(haystack ?? '').includes(String(needle ?? '')),
    omit: (dict, ...keys) => Object.fromEntries(Object.entries(mapOf(dict)).filter(([k]) => !keys.map(String).includes(k))),
    strdict: (...pairs) => {
      const out: Record<string, string> = {};
      for (let i = 0; i + 1 < pairs.length; i += 2) out[String(pairs[i])] = String(pairs[i + 1]);
      return out;
    },
    mergeMaps: (...maps) => Object.assign({}, ...maps.map(mapOf)) as Record<string, unknown>,
    toJsonMap: (...maps) => {
      const merged = Object.assign({}, ...maps.map(mapOf)) as Record<string, unknown>;
      return JSON.stringify(Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]])));
    },
  };
}

export const INJECTOR_FUNC_NAMES: readonly string[] = Object.keys(injectorFuncs());
