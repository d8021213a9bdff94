/** What every component renderer needs: the resolved install, revision-derived names, images and metadata. */
import type { KubeObject } from '../../kube/types.js';
import { getPath, isTree, type Tree } from '../merge.js';
import type { ResolvedInstall } from '../values.js';

export type ComponentName = 'Base' | 'Pilot' | 'Cni' | 'Ztunnel' | 'IngressGateways' | 'EgressGateways';

export const OWNING_RESOURCE_LABEL = 'install.operator.istio.io/owning-resource';
export const COMPONENT_LABEL = 'operator.istio.io/component';
export const REVISION_LABEL = 'istio.io/rev';

export interface RenderContext {
  install: ResolvedInstall;
  /** `-canary` for revision canary, '' for the default revision. */
  suffix: string;
  /** The `istio.io/rev` label value: the revision or `default`. */
  revLabel: string;
  ns: string;
  /** `istiod[-rev]`: the Service, Deployment and ServiceAccount name. */
  istiod: string;
  /** Warnings found while rendering (settings that could not be applied). Local to one render. */
  warnings: string[];
}

export function renderContext(install: ResolvedInstall): RenderContext {
  const suffix = install.revision ? `-${install.revision}` : '';
  return { install, suffix, revLabel: install.revision || 'default', ns: install.namespace, istiod: `istiod${suffix}`, warnings: [] };
}

/** A value of the effective values, e.g. `value(ctx, 'global', 'proxy', 'image')`. */
export function value(ctx: RenderContext, ...path: string[]): unknown {
  return getPath(ctx.install.values, path);
}

export function tree(ctx: RenderContext, ...path: string[]): Tree {
  const v = value(ctx, ...path);
  return isTree(v) ? v : {};
}

export function text(ctx: RenderContext, ...path: string[]): string {
  const v = value(ctx, ...path);
  return v === undefined || v === null ? '' : String(v);
}

/**
 * `hub/name:tag[-variant]`. A name that already holds a `/` is a full image reference and is used as given.
 * Per-component hub/tag/variant override the global ones.
 */
export function image(ctx: RenderContext, name: string, over: { hub?: unknown; tag?: unknown; variant?: unknown } = {}): string {
  if (name.includes('/')) return name;
  const pick = (v: unknown, fallback: string) => (v === undefined || v === null || v === '' ? fallback : String(v));
  const hub = pick(over.hub, ctx.install.hub);
  const tag = pick(over.tag, ctx.install.tag);
  const variant = pick(over.variant, text(ctx, 'global', 'variant'));
  return `${hub}/${name}:${tag}${variant ? `-${variant}` : ''}`;
}

export interface MetaOptions {
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Add `istio.io/rev` (Istio does on the control plane's and gateways' objects). */
  revision?: boolean;
}

/** Metadata with the labels uninstall and prune rely on. */
export function meta(ctx: RenderContext, component: ComponentName, name: string, options: MetaOptions = {}): KubeObject['metadata'] {
  const labels: Record<string, string> = {
    ...options.labels,
    'app.kubernetes.io/part-of': 'istio',
    'app.kubernetes.io/managed-by': 'sailctl',
    'app.kubernetes.io/version': ctx.install.tag,
    [OWNING_RESOURCE_LABEL]: ctx.install.owner,
    [COMPONENT_LABEL]: component,
    ...(options.revision ? { [REVISION_LABEL]: ctx.revLabel } : {}),
  };
  return {
    name,
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    labels,
    ...(options.annotations && Object.keys(options.annotations).length > 0 ? { annotations: options.annotations } : {}),
  };
}

export function object(apiVersion: string, kind: string, metadata: KubeObject['metadata'], body: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata, ...body };
}

/** Env entries from a `{NAME: value}` map, sorted by name, values as strings. */
export function envFromMap(map: Tree): Array<{ name: string; value: string }> {
  return Object.keys(map)
    .sort()
    .map((name) => ({ name, value: String(map[name]) }));
}

/** String-valued copy of a map (labels, annotations). */
export function stringMap(value: unknown): Record<string, string> {
  if (!isTree(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}
