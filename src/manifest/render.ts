/**
 * ResolvedInstall -> ManifestSet: every object of every enabled component, in apply order (CRDs, namespaces,
 * base, pilot, cni, ztunnel, gateways; inside a component by kind, then namespace and name). Pure and
 * deterministic: the same install always renders byte-identical YAML.
 */
import { emitYaml } from '../inject/emit.js';
import type { KubeObject } from '../kube/types.js';
import { renderBase } from './render/base.js';
import { meta, object, renderContext, type ComponentName, type RenderContext } from './render/context.js';
import { renderGateways } from './render/gateways.js';
import { applyK8sSettings } from './render/k8s.js';
import { renderCni, renderZtunnel } from './render/nodeagents.js';
import { renderPilot } from './render/pilot.js';
import type { ResolvedInstall } from './values.js';

export { COMPONENT_LABEL, OWNING_RESOURCE_LABEL, REVISION_LABEL, type ComponentName } from './render/context.js';

export interface RenderedObject {
  component: ComponentName;
  object: KubeObject;
}

export interface ManifestSet {
  install: ResolvedInstall;
  /** Apply order: CRDs, namespaces, base, pilot, cni, ztunnel, gateways. */
  objects: RenderedObject[];
  /** Settings that were accepted but could not be rendered. */
  warnings: string[];
}

/** The order objects of one component are applied in (what others depend on first). */
const KIND_ORDER = [
  'CustomResourceDefinition',
  'Namespace',
  'ServiceAccount',
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'Deployment',
  'DaemonSet',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'NetworkPolicy',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];
const COMPONENT_ORDER: ComponentName[] = ['Base', 'Pilot', 'Cni', 'Ztunnel', 'IngressGateways', 'EgressGateways'];
/** Namespaces every cluster has; never rendered (and so never pruned). */
const SYSTEM_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

function rank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

export function compareObjects(a: KubeObject, b: KubeObject): number {
  return (
    rank(a.kind) - rank(b.kind) ||
    a.kind.localeCompare(b.kind) ||
    (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')
  );
}

function components(ctx: RenderContext): Array<[ComponentName, KubeObject[]]> {
  const { components: c, settings } = ctx.install;
  const out: Array<[ComponentName, KubeObject[]]> = [];
  if (c.base) {
    const base = renderBase(ctx);
    for (const what of applyK8sSettings(base, settings.base.k8s)) ctx.warnings.push(`components.base: ${what} (not applied)`);
    out.push(['Base', base]);
  }
  if (c.pilot) {
    const pilot = renderPilot(ctx);
    for (const what of applyK8sSettings(pilot, settings.pilot.k8s)) ctx.warnings.push(`components.pilot: ${what} (not applied)`);
    out.push(['Pilot', pilot]);
  }
  if (c.cni) out.push(['Cni', renderCni(ctx)]);
  if (c.ztunnel) out.push(['Ztunnel', renderZtunnel(ctx)]);
  out.push(['IngressGateways', renderGateways(ctx, 'ingress')], ['EgressGateways', renderGateways(ctx, 'egress')]);
  return out;
}

export interface RenderOptions {
  /**
   * Add a Namespace object for every namespace the objects land in (default true): what `install` applies so
   * it can create them. `manifest generate` leaves them out, as istioctl's does.
   */
  namespaces?: boolean;
}

export function render(install: ResolvedInstall, options: RenderOptions = {}): ManifestSet {
  const ctx = renderContext(install);
  const byComponent = components(ctx)
    .filter(([, objects]) => objects.length > 0)
    .sort(([a], [b]) => COMPONENT_ORDER.indexOf(a) - COMPONENT_ORDER.indexOf(b));
  const crds: RenderedObject[] = [];
  const rest: RenderedObject[] = [];
  const namespaces = new Map<string, ComponentName>();
  for (const [component, objects] of byComponent) {
    for (const o of [...objects].sort(compareObjects)) {
      (o.kind === 'CustomResourceDefinition' ? crds : rest).push({ component, object: o });
      const ns = o.metadata.namespace;
      if (ns && !SYSTEM_NAMESPACES.has(ns) && !namespaces.has(ns)) namespaces.set(ns, component);
    }
  }
  const nsObjects: RenderedObject[] = [...namespaces.entries()]
    .filter(() => options.namespaces !== false)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, component]) => ({ component, object: object('v1', 'Namespace', meta(ctx, component, name)) }));
  return { install, objects: [...crds, ...nsObjects, ...rest], warnings: [...install.warnings, ...ctx.warnings] };
}

/** The YAML stream `manifest generate` prints: one `---` document per object. */
export function renderYaml(set: ManifestSet): string {
  return renderObjectsYaml(set.objects.map((o) => o.object));
}

export function renderObjectsYaml(objects: readonly KubeObject[]): string {
  // kube-inject's emitter: the same kubectl-style YAML, several times faster than a general YAML library.
  return objects.map((o) => `---\n${emitYaml(o)}`).join('');
}
