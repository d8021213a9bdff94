/**
 * Reads an Envoy admin `/config_dump` (also istiod's `/debug/config_dump?proxyID=`, same shape): a `configs`
 * list of typed dumps — BootstrapConfigDump, ClustersConfigDump (static + dynamic active clusters),
 * ListenersConfigDump (static + dynamic listeners with activeState), RoutesConfigDump, ScopedRoutesConfigDump,
 * SecretsConfigDump and, with `?include_eds`, EndpointsConfigDump. Unknown dump types are ignored; a
 * document of the wrong shape is a MalformedDocumentError. Keys are read in camelCase (see json-keys.ts).
 */
import { isRecord, MalformedDocumentError, parseJsonDocument } from '../proxystatus/document-error.js';
import { camelKeys } from '../proxystatus/json-keys.js';

export type Json = Record<string, unknown>;

export interface Dumped {
  name: string;
  /** The Envoy resource (Cluster, Listener, RouteConfiguration, ...). */
  config: Json;
  dynamic: boolean;
  versionInfo?: string;
  lastUpdated?: string;
}

export interface DumpedSecret {
  name: string;
  /** ACTIVE or WARMING. */
  state: 'ACTIVE' | 'WARMING';
  secret: Json;
  versionInfo?: string;
  lastUpdated?: string;
}

export interface ConfigDump {
  bootstrap?: Json;
  clusters: Dumped[];
  listeners: Dumped[];
  routes: Dumped[];
  secrets: DumpedSecret[];
  endpoints: Dumped[];
}

const ADMIN = 'type.googleapis.com/envoy.admin.v3.';
const DOC = 'config dump';

function list(dump: Json, key: string, at: string): Json[] {
  const v = dump[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every(isRecord)) throw new MalformedDocumentError(DOC, `${at}.${key} is not a list of objects`);
  return v;
}

function named(config: unknown, at: string): Json {
  if (!isRecord(config)) throw new MalformedDocumentError(DOC, `${at} is missing`);
  return config;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function entry(wrapper: Json, key: string, at: string, dynamic: boolean): Dumped {
  const config = named(wrapper[key], `${at}.${key}`);
  const name = str(config.name) ?? str(wrapper.name) ?? '';
  return {
    name,
    config,
    dynamic,
    ...(str(wrapper.versionInfo) ? { versionInfo: str(wrapper.versionInfo) } : {}),
    ...(str(wrapper.lastUpdated) ? { lastUpdated: str(wrapper.lastUpdated) } : {}),
  };
}

export function readConfigDump(value: unknown): ConfigDump {
  if (!isRecord(value) || !Array.isArray(value.configs)) throw new MalformedDocumentError(DOC, 'no "configs" list');
  const out: ConfigDump = { clusters: [], listeners: [], routes: [], secrets: [], endpoints: [] };
  value.configs.forEach((dump, i) => {
    const at = `configs[${i}]`;
    if (!isRecord(dump)) throw new MalformedDocumentError(DOC, `${at} is not an object`);
    switch (dump['@type']) {
      case `${ADMIN}BootstrapConfigDump`:
        out.bootstrap = named(dump.bootstrap, `${at}.bootstrap`);
        break;
      case `${ADMIN}ClustersConfigDump`:
        list(dump, 'staticClusters', at).forEach((c, j) => out.clusters.push(entry(c, 'cluster', `${at}.staticClusters[${j}]`, false)));
        list(dump, 'dynamicActiveClusters', at).forEach((c, j) => out.clusters.push(entry(c, 'cluster', `${at}.dynamicActiveClusters[${j}]`, true)));
        break;
      case `${ADMIN}ListenersConfigDump`:
        list(dump, 'staticListeners', at).forEach((l, j) => out.listeners.push(entry(l, 'listener', `${at}.staticListeners[${j}]`, false)));
        list(dump, 'dynamicListeners', at).forEach((l, j) => {
          const state = isRecord(l.activeState) ? l.activeState : isRecord(l.warmingState) ? l.warmingState : undefined;
          if (state) out.listeners.push(entry(state, 'listener', `${at}.dynamicListeners[${j}].activeState`, true));
        });
        break;
      case `${ADMIN}RoutesConfigDump`:
        list(dump, 'staticRouteConfigs', at).forEach((r, j) => out.routes.push(entry(r, 'routeConfig', `${at}.staticRouteConfigs[${j}]`, false)));
        list(dump, 'dynamicRouteConfigs', at).forEach((r, j) => out.routes.push(entry(r, 'routeConfig', `${at}.dynamicRouteConfigs[${j}]`, true)));
        break;
      case `${ADMIN}SecretsConfigDump`:
        for (const [key, state] of [['dynamicActiveSecrets', 'ACTIVE'], ['dynamicWarmingSecrets', 'WARMING']] as const) {
          list(dump, key, at).forEach((s, j) => {
            const secret = named(s.secret, `${at}.${key}[${j}].secret`);
            out.secrets.push({
              name: str(s.name) ?? str(secret.name) ?? '',
              state,
              secret,
              ...(str(s.versionInfo) ? { versionInfo: str(s.versionInfo) } : {}),
              ...(str(s.lastUpdated) ? { lastUpdated: str(s.lastUpdated) } : {}),
            });
          });
        }
        break;
      case `${ADMIN}EndpointsConfigDump`:
        list(dump, 'staticEndpointConfigs', at).forEach((e, j) => out.endpoints.push(endpointEntry(e, `${at}.staticEndpointConfigs[${j}]`, false)));
        list(dump, 'dynamicEndpointConfigs', at).forEach((e, j) => out.endpoints.push(endpointEntry(e, `${at}.dynamicEndpointConfigs[${j}]`, true)));
        break;
      default:
        break;
    }
  });
  return out;
}

function endpointEntry(wrapper: Json, at: string, dynamic: boolean): Dumped {
  const config = named(wrapper.endpointConfig, `${at}.endpointConfig`);
  return { name: str(config.clusterName) ?? '', config, dynamic, ...(str(wrapper.lastUpdated) ? { lastUpdated: str(wrapper.lastUpdated) } : {}) };
}

/** Parses config dump text; every problem is a MalformedDocumentError. */
export function parseConfigDump(text: string): ConfigDump {
  return readConfigDump(camelKeys(parseJsonDocument(text, DOC)));
}
