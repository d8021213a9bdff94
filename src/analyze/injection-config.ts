/**
 * What the sidecar injector is configured with, read from the snapshot: the `istio-sidecar-injector`
 * ConfigMap (`values` JSON and `config` YAML) of the selected revision.
 */
import { parse } from 'yaml';
import { isRecord, rec, str } from './fields.js';
import { K } from './kinds.js';
import type { AnalysisContext, Resource } from './types.js';

export interface InjectorConfig {
  configMap?: Resource;
  /** `sidecarInjectorWebhook.enableNamespacesByDefault`. */
  enableNamespacesByDefault: boolean;
  /** The proxy image injection uses now (`hub/proxyv2:tag`), when known. */
  proxyImage?: string;
}

function parseData(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') return {};
  try {
    const v: unknown = parse(text);
    return isRecord(v) ? v : {};
  } catch {
    return {};
  }
}

export function injectorConfigMapName(revision: string): string {
  return revision && revision !== 'default' ? `istio-sidecar-injector-${revision}` : 'istio-sidecar-injector';
}

/** The injector settings of a revision (default: the run's `-r`). */
export function injectorConfig(ctx: Pick<AnalysisContext, 'get' | 'mesh'>, revision: string = ctx.mesh.revision): InjectorConfig {
  const cm = ctx.get(K.ConfigMap, ctx.mesh.istioNamespace, injectorConfigMapName(revision));
  if (!cm) return { enableNamespacesByDefault: false };
  const data = rec(cm.object.data);
  const values = parseData(data.values);
  const global = rec(values.global);
  const proxy = rec(global.proxy);
  const image = str(proxy.image) ?? 'proxyv2';
  const hub = str(global.hub);
  const tag = typeof global.tag === 'string' || typeof global.tag === 'number' ? String(global.tag) : undefined;
  const proxyImage = image.includes('/') ? image : hub && tag ? `${hub}/${image}:${tag}` : undefined;
  return {
    configMap: cm,
    enableNamespacesByDefault: rec(values.sidecarInjectorWebhook).enableNamespacesByDefault === true,
    ...(proxyImage ? { proxyImage } : {}),
  };
}

export const INJECTION_LABEL = 'istio-injection';
export const REVISION_LABEL = 'istio.io/rev';
export const PROXY_CONTAINER = 'istio-proxy';

/** Whether a namespace asks for injection (for the given revision: '' / 'default' accept any). */
export function namespaceInjected(ns: Resource, revision: string): boolean {
  if (ns.labels[INJECTION_LABEL] === 'enabled') return true;
  const rev = ns.labels[REVISION_LABEL];
  if (rev === undefined) return false;
  return !revision || revision === 'default' || rev === revision;
}

/** A pod (or template) opted out of injection by label or annotation. */
export function podOptedOut(pod: Resource): boolean {
  const v = pod.labels['sidecar.istio.io/inject'] ?? pod.annotations['sidecar.istio.io/inject'];
  return v !== undefined && v.toLowerCase() === 'false';
}
