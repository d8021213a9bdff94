/**
 * One pod through istiod's pipeline: policy -> annotation checks -> strip a previous sidecar -> render each
 * selected template and strategic-merge it over the pod -> re-apply user proxy overrides -> Prometheus
 * merge -> probe rewrite -> container order -> status annotation.
 */
import { templateData, type PodParts, type WorkloadIdentity } from './data.js';
import { strategicMerge } from './merge.js';
import { annotationProblems, skipReason } from './policy.js';
import { probersJson, PROBERS_ENV, rewriteProbes } from './probes.js';
import { applyPrometheusMerge, PROMETHEUS_ENV } from './prometheus.js';
import { parseProxyConfigAnnotation, proxyConfigFor } from './proxyconfig.js';
import { asGoEncodes } from './normalize.js';
import { renderTemplate, selectTemplates } from './render.js';
import { OVERRIDES_ANNOTATION, STATUS_ANNOTATION, stripPod } from './strip.js';
import type { InjectConfig, JsonObject } from './types.js';
import { NeedsFullYaml, type FullYaml } from './yaml-port.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const PROXY = 'istio-proxy';

export type PodOutcome = { kind: 'injected'; pod: PodParts } | { kind: 'skipped'; reason: string } | { kind: 'invalid'; messages: string[] };

function get(obj: unknown, ...path: string[]): unknown {
  let cur = obj;
  for (const p of path) cur = isObject(cur) ? cur[p] : undefined;
  return cur;
}

export function statusPortOf(annotations: Record<string, string>, config: InjectConfig): number {
  const fromAnnotation = annotations['status.sidecar.istio.io/port'];
  if (fromAnnotation !== undefined) return Number(fromAnnotation);
  const v = get(config.values, 'global', 'proxy', 'statusPort');
  return typeof v === 'number' ? v : Number(v ?? 15020) || 15020;
}

function move(items: Obj[], name: string, where: 'first' | 'last'): Obj[] {
  const i = items.findIndex((c) => c.name === name);
  if (i === -1) return items;
  const rest = [...items.slice(0, i), ...items.slice(i + 1)];
  return where === 'first' ? [items[i] as Obj, ...rest] : [...rest, items[i] as Obj];
}

function setEnv(container: Obj, name: string, value: string): void {
  const env = list(container.env).filter((e) => e.name !== name);
  container.env = [...env, { name, value }];
}

function statusJson(template: Obj, appNames: ReadonlySet<string>, revision: string): string {
  const names = (field: string, skip?: ReadonlySet<string>) => {
    const n = list(get(template, 'spec', field))
      .map((c) => String(c.name))
      .filter((x) => !skip?.has(x));
    return n.length > 0 ? n : null;
  };
  return JSON.stringify({
    initContainers: names('initContainers', appNames),
    containers: names('containers', appNames),
    volumes: names('volumes'),
    imagePullSecrets: names('imagePullSecrets'),
    revision: revision || 'default',
  });
}

export function injectPod(workload: WorkloadIdentity, original: PodParts, config: InjectConfig, yaml?: FullYaml): PodOutcome {
  const labels = (original.metadata.labels ?? {}) as Record<string, string>;
  const annotations = (original.metadata.annotations ?? {}) as Record<string, string>;
  const namespace = String(original.metadata.namespace ?? workload.metadata.namespace ?? '');
  const reason = skipReason({ namespace, labels, annotations, hostNetwork: original.spec.hostNetwork === true }, config.injector);
  if (reason) return { kind: 'skipped', reason };
  const messages = annotationProblems(annotations);
  let override: JsonObject | undefined;
  const proxyAnnotation = annotations['proxy.istio.io/config'];
  if (proxyAnnotation !== undefined) {
    try {
      override = parseProxyConfigAnnotation(proxyAnnotation, yaml);
    } catch (err) {
      if (err instanceof NeedsFullYaml) throw err;
      messages.push(`annotation proxy.istio.io/config: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  let names: string[] = [];
  try {
    names = selectTemplates(config.injector, annotations);
  } catch (err) {
    messages.push(`annotation inject.istio.io/templates: ${(err as Error).message}`);
  }
  if (messages.length > 0) return { kind: 'invalid', messages };

  const statusPort = statusPortOf(annotations, config);
  const stripped = stripPod(original.metadata, original.spec, statusPort, false);
  const alreadyInjected = stripped !== undefined;
  const base: PodParts = stripped ? { metadata: stripped.metadata, spec: stripped.spec } : original;
  const proxy = proxyConfigFor(config.meshConfig, override);
  const data = templateData(workload, base, config, proxy);

  let template: Obj = {};
  let merged: Obj = { metadata: base.metadata, spec: base.spec };
  for (const name of names) {
    const rendered = renderTemplate(config.injector, name, data, yaml);
    template = strategicMerge(template, rendered) as Obj;
    merged = strategicMerge(merged, rendered) as Obj;
  }
  const meta = { ...(merged.metadata as Obj) };
  const spec = { ...(merged.spec as Obj) };
  const metaAnnotations = { ...((meta.annotations ?? {}) as Record<string, string>) };

  // A container the user wrote with the same name as an injected one (istio-proxy) overrides template fields.
  let savedOverrides: { containers?: Obj[]; initContainers?: Obj[] } = {};
  try {
    if (metaAnnotations[OVERRIDES_ANNOTATION]) savedOverrides = JSON.parse(metaAnnotations[OVERRIDES_ANNOTATION]) as typeof savedOverrides;
  } catch {
    savedOverrides = {};
  }
  const overrides: { containers: Obj[]; initContainers: Obj[] } = { containers: [], initContainers: [] };
  const overridden = new Set<string>();
  const userContainer = (name: unknown): [Obj, 'containers' | 'initContainers'] | undefined => {
    for (const f of ['containers', 'initContainers'] as const) {
      const found = list(savedOverrides[f]).find((c) => c.name === name) ?? list(base.spec[f]).find((c) => c.name === name);
      if (found) return [found, f];
    }
    return undefined;
  };
  for (const field of ['containers', 'initContainers'] as const) {
    const other = field === 'containers' ? 'initContainers' : 'containers';
    for (const injected of list(get(template, 'spec', field))) {
      const name = String(injected.name);
      const match = name.startsWith('istio-') ? userContainer(name) : undefined;
      if (!match) continue;
      const [user, userField] = match;
      const overlay = { ...user };
      if (overlay.image === 'auto') delete overlay.image;
      overrides[userField].push(user);
      overridden.add(name);
      spec[field] = list(spec[field]).map((c) => (c.name === name ? (strategicMerge(c, overlay) as Obj) : c));
      spec[other] = list(spec[other]).filter((c) => c.name !== name);
    }
  }
  if (!alreadyInjected && (overrides.containers.length > 0 || overrides.initContainers.length > 0)) {
    metaAnnotations[OVERRIDES_ANNOTATION] = JSON.stringify({
      ...(overrides.containers.length > 0 ? { containers: overrides.containers } : {}),
      ...(overrides.initContainers.length > 0 ? { initContainers: overrides.initContainers } : {}),
    });
  }

  // injected containers as istiod encodes them (canonical quantities, no zero omitempty probe fields)
  const injectedNames = new Set([...list(get(template, 'spec', 'containers')), ...list(get(template, 'spec', 'initContainers'))].map((c) => c.name));
  const copy = (c: Obj) => (injectedNames.has(c.name) ? asGoEncodes(c) : { ...c });
  spec.containers = list(spec.containers).map(copy);
  spec.initContainers = list(spec.initContainers).map(copy);
  const sidecar = [...(spec.containers as Obj[]), ...(spec.initContainers as Obj[])].find((c) => c.name === PROXY);

  const mergeEnabled = config.meshConfig.enablePrometheusMerge !== false;
  const targetPort = Number(get(config.meshConfig, 'defaultConfig', 'statusPort') ?? 15020) || 15020;
  const promEnv = sidecar ? applyPrometheusMerge(metaAnnotations, mergeEnabled, targetPort) : undefined;
  if (sidecar && promEnv !== undefined) setEnv(sidecar, PROMETHEUS_ENV, promEnv);

  const rewriteEnabled = get(config.values, 'sidecarInjectorWebhook', 'rewriteAppHTTPProbe') !== false;
  if (sidecar && rewriteEnabled && metaAnnotations['sidecar.istio.io/rewriteAppHTTPProbers'] !== 'false' && statusPort !== 0) {
    const probers = rewriteProbes(spec.containers as Obj[], statusPort);
    if (Object.keys(probers).length > 0) setEnv(sidecar, PROBERS_ENV, probersJson(probers));
  }

  const hold = proxy.effective.holdApplicationUntilProxyStarts === true || get(config.values, 'global', 'proxy', 'holdApplicationUntilProxyStarts') === true;
  spec.containers = move(spec.containers as Obj[], PROXY, hold ? 'first' : 'last');
  let inits = spec.initContainers as Obj[];
  if (inits.some((c) => c.name === PROXY)) inits = move(inits, PROXY, 'first');
  inits = move(move(inits, 'istio-validation', 'first'), 'istio-init', 'first');
  if (inits.length > 0) spec.initContainers = inits;
  else delete spec.initContainers;

  const appNames = new Set([...list(base.spec.containers), ...list(base.spec.initContainers)].map((c) => String(c.name)).filter((n) => !overridden.has(n)));
  metaAnnotations[STATUS_ANNOTATION] = statusJson(template, appNames, config.revision);
  Object.assign(metaAnnotations, config.injector.injectedAnnotations);
  meta.annotations = metaAnnotations;
  return { kind: 'injected', pod: { metadata: meta, spec } };
}
