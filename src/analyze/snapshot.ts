/**
 * The indexed snapshot analyzers read: objects by kind, by namespace/name and by label, built once in
 * O(n log n). File objects override cluster objects with the same kind/namespace/name. When the input holds
 * no Pod at all, each workload's pod template stands in for its pods (so offline analysis sees workloads).
 */
import type { LoadedResource } from '../resources/types.js';
import { isNamespaced, K, kindIdOf } from './kinds.js';
import type { PathSegment, Resource, SnapshotView } from './types.js';

/** A cluster object as the API returns it (only the fields read here). */
export interface PlainObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: unknown;
  [key: string]: unknown;
}

export interface SnapshotInput {
  files?: readonly LoadedResource[];
  cluster?: readonly PlainObject[];
  /** Namespace for file objects that do not set one (`-n`, else the context's, else `default`). */
  defaultNamespace?: string;
  /** Other clusters of a multi-cluster mesh (`--remote-contexts`): kept apart, read through `remoteClusters()`. */
  remote?: ReadonlyArray<{ cluster: string; objects: readonly PlainObject[] }>;
  /** Only objects of these kind ids are kept (the selected analyzers' inputs, as Istio loads them); all when omitted. */
  kinds?: ReadonlySet<string>;
  /** Make pods from workload templates when there is no Pod at all (default true; false when the files are the whole state). */
  podsFromTemplates?: boolean;
}

/** Namespaces whose objects Istio's analysis never sees (nor their Namespace objects). */
export const IGNORED_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

const EMPTY: readonly Resource[] = Object.freeze([]);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

function makeResource(object: Record<string, unknown>, namespaceDefault: string, source: Resource['source'], derivedFrom?: Resource['derivedFrom']): Resource | undefined {
  const apiVersion = object.apiVersion;
  const kind = object.kind;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || kind === '') return undefined;
  const meta = isRecord(object.metadata) ? object.metadata : {};
  const kindId = kindIdOf(apiVersion, kind);
  const name = typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : '';
  const namespace = isNamespaced(kindId) ? (typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : namespaceDefault) : '';
  return {
    kindId,
    kind,
    apiVersion,
    name,
    namespace,
    labels: stringMap(meta.labels),
    annotations: stringMap(meta.annotations),
    object,
    spec: isRecord(object.spec) ? object.spec : {},
    source,
    ...(derivedFrom ? { derivedFrom } : {}),
    key: `${kindId}/${namespace}/${name}`,
  };
}

/** Where each workload kind keeps its pod template. */
const TEMPLATE_PATHS: ReadonlyArray<[string, readonly PathSegment[]]> = [
  [K.Deployment, ['spec', 'template']],
  [K.StatefulSet, ['spec', 'template']],
  [K.DaemonSet, ['spec', 'template']],
  [K.ReplicaSet, ['spec', 'template']],
  [K.Job, ['spec', 'template']],
  [K.CronJob, ['spec', 'jobTemplate', 'spec', 'template']],
];

function dig(value: unknown, path: readonly PathSegment[]): unknown {
  let v = value;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isRecord(v) && typeof seg === 'string') v = v[seg];
    else return undefined;
  }
  return v;
}

/** A Pod made from a workload's template; reported on the workload. */
function podFromTemplate(workload: Resource, prefix: readonly PathSegment[]): Resource | undefined {
  const template = dig(workload.object, prefix);
  if (!isRecord(template)) return undefined;
  const meta = isRecord(template.metadata) ? template.metadata : {};
  // ReplicaSets owned by a Deployment would double the Deployment's pods.
  if (workload.kindId === K.ReplicaSet && Array.isArray(dig(workload.object, ['metadata', 'ownerReferences']))) return undefined;
  const object = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...meta, name: workload.name, namespace: workload.namespace },
    spec: isRecord(template.spec) ? template.spec : {},
  };
  return makeResource(object, workload.namespace, workload.source, { resource: workload, pathPrefix: prefix });
}

function compareResources(a: Resource, b: Resource): number {
  return a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

interface KindIndex {
  all: Resource[];
  byNamespace: Map<string, Resource[]>;
  byKey: Map<string, Resource>;
  /** `key=value` -> resources, lazily built on first label query. */
  byLabel?: Map<string, Resource[]>;
}

export class Snapshot implements SnapshotView {
  private readonly kinds = new Map<string, KindIndex>();
  private namespaces: readonly string[];
  /** Number of objects, including pods made from templates. */
  size: number;
  /** True when pods were made from workload templates. */
  readonly podsFromTemplates: boolean;

  private readonly remote: ReadonlyArray<{ cluster: string; snapshot: Snapshot }>;

  constructor(input: SnapshotInput) {
    const defaultNs = input.defaultNamespace ?? 'default';
    this.remote = (input.remote ?? []).map((r) => ({ cluster: r.cluster, snapshot: new Snapshot({ cluster: r.objects, defaultNamespace: defaultNs }) }));
    const byKey = new Map<string, Resource>();
    const wanted = input.kinds;
    const keep = (r: Resource | undefined): r is Resource =>
      r !== undefined && (!wanted || wanted.has(r.kindId)) && !IGNORED_NAMESPACES.has(r.namespace) && !(r.kindId === K.Namespace && IGNORED_NAMESPACES.has(r.name));
    for (const obj of input.cluster ?? []) {
      if (!isRecord(obj)) continue;
      const r = makeResource(obj, defaultNs, { type: 'cluster' });
      if (keep(r)) byKey.set(r.key, r);
    }
    for (const lr of input.files ?? []) {
      const { file, line, col } = lr.origin;
      const r = makeResource(lr.object, defaultNs, { type: 'file', file, line, col, locate: lr.locate });
      if (keep(r)) byKey.set(r.key, r); // files win
    }
    const resources = [...byKey.values()];
    const hasPods = resources.some((r) => r.kindId === K.Pod);
    if (!hasPods && input.podsFromTemplates !== false) {
      const templates = new Map(TEMPLATE_PATHS);
      for (const r of [...resources]) {
        const prefix = templates.get(r.kindId);
        const pod = prefix ? podFromTemplate(r, prefix) : undefined;
        if (pod && !byKey.has(pod.key)) {
          byKey.set(pod.key, pod);
          resources.push(pod);
        }
      }
    }
    this.podsFromTemplates = !hasPods && resources.some((r) => r.derivedFrom !== undefined);
    resources.sort(compareResources);
    const nsSet = new Set<string>();
    for (const r of resources) {
      let idx = this.kinds.get(r.kindId);
      if (!idx) this.kinds.set(r.kindId, (idx = { all: [], byNamespace: new Map(), byKey: new Map() }));
      idx.all.push(r);
      let inNs = idx.byNamespace.get(r.namespace);
      if (!inNs) idx.byNamespace.set(r.namespace, (inNs = []));
      inNs.push(r);
      idx.byKey.set(`${r.namespace}/${r.name}`, r);
      if (r.namespace !== '') nsSet.add(r.namespace);
      if (r.kindId === K.Namespace) nsSet.add(r.name);
    }
    this.namespaces = [...nsSet].sort();
    this.size = resources.length;
  }

  /**
   * Adds objects the run supplies itself (the mesh config as a resource, the stand-in ingress gateway of an
   * offline analysis), before any analyzer runs. An object whose kind/namespace/name is already there is left out,
   * as is one of a kind the snapshot does not keep.
   */
  addDefaults(objects: readonly PlainObject[], kinds?: ReadonlySet<string>): void {
    for (const obj of objects) {
      const r = makeResource(obj as Record<string, unknown>, '', { type: 'cluster' });
      if (!r || (kinds && !kinds.has(r.kindId))) continue;
      let idx = this.kinds.get(r.kindId);
      if (!idx) this.kinds.set(r.kindId, (idx = { all: [], byNamespace: new Map(), byKey: new Map() }));
      const id = `${r.namespace}/${r.name}`;
      if (idx.byKey.has(id)) continue;
      idx.byKey.set(id, r);
      idx.all = [...idx.all, r].sort(compareResources);
      idx.byNamespace.set(r.namespace, [...(idx.byNamespace.get(r.namespace) ?? []), r].sort(compareResources));
      idx.byLabel = undefined;
      this.size++;
      if (r.namespace !== '' && !this.namespaces.includes(r.namespace)) this.namespaces = [...this.namespaces, r.namespace].sort();
    }
  }

  all(kindId: string): readonly Resource[] {
    return this.kinds.get(kindId)?.all ?? EMPTY;
  }

  inNamespace(kindId: string, namespace: string): readonly Resource[] {
    return this.kinds.get(kindId)?.byNamespace.get(namespace) ?? EMPTY;
  }

  get(kindId: string, namespace: string, name: string): Resource | undefined {
    return this.kinds.get(kindId)?.byKey.get(`${isNamespaced(kindId) ? namespace : ''}/${name}`);
  }

  withLabels(kindId: string, namespace: string | undefined, labels: Readonly<Record<string, string>>): readonly Resource[] {
    const idx = this.kinds.get(kindId);
    if (!idx) return EMPTY;
    const pairs = Object.entries(labels);
    if (pairs.length === 0) return namespace === undefined ? idx.all : this.inNamespace(kindId, namespace);
    if (!idx.byLabel) {
      idx.byLabel = new Map();
      for (const r of idx.all) {
        for (const [k, v] of Object.entries(r.labels)) {
          const lk = `${k}=${v}`;
          let list = idx.byLabel.get(lk);
          if (!list) idx.byLabel.set(lk, (list = []));
          list.push(r);
        }
      }
    }
    // Start from the rarest label, then check the others on that short list.
    let best: Resource[] | undefined;
    for (const [k, v] of pairs) {
      const list = idx.byLabel.get(`${k}=${v}`);
      if (!list) return EMPTY;
      if (!best || list.length < best.length) best = list;
    }
    return (best ?? EMPTY).filter((r) => (namespace === undefined || r.namespace === namespace) && pairs.every(([k, v]) => r.labels[k] === v));
  }

  namespaceNames(): readonly string[] {
    return this.namespaces;
  }

  remoteClusters(kindId: string): ReadonlyArray<{ cluster: string; resources: readonly Resource[] }> {
    return this.remote.map((r) => ({ cluster: r.cluster, resources: r.snapshot.all(kindId) }));
  }

  /** Kind ids present, sorted. */
  kindIds(): string[] {
    return [...this.kinds.keys()].sort();
  }
}
