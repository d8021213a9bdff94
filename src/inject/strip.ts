/**
 * Removes an injected sidecar from a pod: what `sidecar.istio.io/status` lists (containers, init containers,
 * volumes, pull secrets), with probes and Prometheus annotations restored from the proxy's env. `full` also
 * removes the labels and annotations injection adds (uninject); re-injection keeps them so that values the
 * user chose survive.
 */
import { PROBERS_ENV, restoreProbes } from './probes.js';
import { PROMETHEUS_ENV, undoPrometheusMerge } from './prometheus.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export const STATUS_ANNOTATION = 'sidecar.istio.io/status';
export const OVERRIDES_ANNOTATION = 'proxy.istio.io/overrides';

export interface InjectionStatus {
  initContainers: string[] | null;
  containers: string[] | null;
  volumes: string[] | null;
  imagePullSecrets: string[] | null;
  revision: string;
}

export function parseStatus(text: string | undefined): InjectionStatus | undefined {
  if (text === undefined) return undefined;
  try {
    const s = JSON.parse(text) as Partial<InjectionStatus>;
    const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null);
    return {
      initContainers: list(s.initContainers),
      containers: list(s.containers),
      volumes: list(s.volumes),
      imagePullSecrets: list(s.imagePullSecrets),
      revision: typeof s.revision === 'string' ? s.revision : '',
    };
  } catch {
    return { initContainers: null, containers: null, volumes: null, imagePullSecrets: null, revision: '' };
  }
}

const INJECTED_LABELS = ['security.istio.io/tlsMode', 'service.istio.io/canonical-name', 'service.istio.io/canonical-revision', 'networking.istio.io/tunnel'];
const INJECTED_ANNOTATIONS = ['istio.io/rev', 'kubectl.kubernetes.io/default-container', 'kubectl.kubernetes.io/default-logs-container'];

/**
 * With CNI the template writes the traffic settings as annotations: the pod's own value when it had one,
 * else the default. Uninject removes those equal to the default (and the status port the template appends
 * to excludeInboundPorts); a pod that had set a default value explicitly loses that annotation.
 */
function undoCniAnnotations(annotations: Record<string, string>, defaults: Readonly<Record<string, string>>, statusPort: number): void {
  for (const [key, value] of Object.entries(defaults)) {
    const current = annotations[key];
    if (current === undefined) continue;
    if (current === value) delete annotations[key];
    else if (key === 'traffic.sidecar.istio.io/excludeInboundPorts' && current.endsWith(`,${statusPort}`)) {
      annotations[key] = current.slice(0, -`,${statusPort}`.length);
    }
  }
}

function envOf(container: Obj | undefined, name: string): string | undefined {
  const env = container && Array.isArray(container.env) ? (container.env as Obj[]) : [];
  const e = env.find((x) => isObject(x) && x.name === name);
  return e && typeof e.value === 'string' ? e.value : undefined;
}

function without(list: unknown, names: readonly string[] | null): unknown[] {
  const items = Array.isArray(list) ? list : [];
  if (!names || names.length === 0) return items;
  return items.filter((x) => !(isObject(x) && typeof x.name === 'string' && names.includes(x.name)));
}

export interface StripResult {
  metadata: Obj;
  spec: Obj;
  status: InjectionStatus;
}

/** Returns the pod without its sidecar, or `undefined` when the pod carries no injection status. */
/**
 * `cniDefaults` (uninject only): the traffic annotations' default values, as the CNI branch of the template
 * writes them.
 */
export function stripPod(metadata: Obj, spec: Obj, statusPort: number, full: boolean, cniDefaults: Readonly<Record<string, string>> = {}): StripResult | undefined {
  const annotations = { ...((metadata.annotations ?? {}) as Record<string, string>) };
  const status = parseStatus(annotations[STATUS_ANNOTATION]);
  if (!status) return undefined;
  const newSpec: Obj = { ...spec };
  const all = [...(Array.isArray(spec.initContainers) ? spec.initContainers : []), ...(Array.isArray(spec.containers) ? spec.containers : [])] as Obj[];
  const proxy = all.find((c) => isObject(c) && c.name === 'istio-proxy');
  const containers = without(spec.containers, status.containers).map((c) => (isObject(c) ? { ...c } : c)) as Obj[];
  restoreProbes(containers, envOf(proxy, PROBERS_ENV));
  newSpec.containers = containers;
  for (const [field, names] of [
    ['initContainers', status.initContainers],
    ['volumes', status.volumes],
    ['imagePullSecrets', status.imagePullSecrets],
  ] as const) {
    if (!(field in spec)) continue;
    const kept = without(spec[field], names);
    if (kept.length === 0 && names && names.length > 0) delete newSpec[field];
    else newSpec[field] = kept;
  }
  undoPrometheusMerge(annotations, envOf(proxy, PROMETHEUS_ENV), statusPort, full);
  delete annotations[STATUS_ANNOTATION];
  const newMeta: Obj = { ...metadata };
  if (full) {
    reinsertOverrides(annotations, newSpec);
    for (const k of INJECTED_ANNOTATIONS) delete annotations[k];
    if ((status.initContainers ?? []).includes('istio-validation')) undoCniAnnotations(annotations, cniDefaults, statusPort);
    const labels = { ...((metadata.labels ?? {}) as Record<string, string>) };
    for (const k of INJECTED_LABELS) delete labels[k];
    if (Object.keys(labels).length > 0) newMeta.labels = labels;
    else delete newMeta.labels;
  }
  if (Object.keys(annotations).length > 0) newMeta.annotations = annotations;
  else delete newMeta.annotations;
  return { metadata: newMeta, spec: newSpec, status };
}

/** Puts user-supplied proxy containers saved in `proxy.istio.io/overrides` back into the spec (uninject). */
function reinsertOverrides(annotations: Record<string, string>, spec: Obj): void {
  const text = annotations[OVERRIDES_ANNOTATION];
  if (text === undefined) return;
  delete annotations[OVERRIDES_ANNOTATION];
  let saved: { containers?: Obj[]; initContainers?: Obj[] };
  try {
    saved = JSON.parse(text) as typeof saved;
  } catch {
    return;
  }
  for (const field of ['containers', 'initContainers'] as const) {
    const items = saved[field];
    if (!Array.isArray(items) || items.length === 0) continue;
    spec[field] = [...(Array.isArray(spec[field]) ? (spec[field] as Obj[]) : []), ...items];
  }
}
