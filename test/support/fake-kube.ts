/**
 * An in-memory KubeClient for unit tests of cluster-facing domain code (install, plan, verify): a map of
 * objects, a request log, simple "controllers" (CRDs become Established, workloads ready unless kept
 * unready, which also creates a failing pod and a Warning Event), label selectors (equality and existence)
 * and injectable failures. Not a Kubernetes API server: use test/support/apiserver for HTTP-level behaviour.
 */
import { KubeApiError } from '../../src/kube/errors.js';
import type {
  AccessReviewResult,
  ApplyOptions,
  DeleteOptions,
  KubeClient,
  KubeObject,
  ListOptions,
  ListResult,
  ObjectRef,
  ResourceInfo,
  ServerVersion,
} from '../../src/kube/types.js';

export interface FakeRequest {
  verb: 'get' | 'list' | 'apply' | 'create' | 'delete';
  key: string;
  dryRun: boolean;
}

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
]);

const clone = <T>(v: T): T => structuredClone(v);

function keyFor(apiVersion: string, kind: string, namespace: string | undefined, name: string): string {
  return `${apiVersion}|${kind}|${CLUSTER_SCOPED.has(kind) ? '' : (namespace ?? 'default')}|${name}`;
}

function matches(labels: Record<string, string> | undefined, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const t = term.trim();
    if (t.startsWith('!')) return !(labels && t.slice(1) in labels);
    const eq = /^([^=!]+)(==|=|!=)(.*)$/.exec(t);
    if (!eq) return labels !== undefined && t in labels;
    const [, k, op, v] = eq as unknown as [string, string, string, string];
    const actual = labels?.[k];
    return op === '!=' ? actual !== v : actual === v;
  });
}

export class FakeKube implements KubeClient {
  readonly contextName = 'fake';
  readonly server = 'https://fake.invalid';
  readonly namespace = 'default';
  readonly requests: FakeRequest[] = [];
  private readonly objects = new Map<string, KubeObject>();
  private readonly unready = new Map<string, string>();
  private version = 1;
  /** Return an error to fail a request (checked before it is served). */
  failWith?: (verb: FakeRequest['verb'], ref: ObjectRef, dryRun: boolean) => Error | undefined;
  /** Called after each mutating request that was served (to interrupt at a chosen point, for example). */
  afterWrite?: (verb: FakeRequest['verb'], ref: ObjectRef) => void;
  /** Simulated istiod: fill webhook caBundles when applying them (default true). */
  injectCaBundle = true;
  serverGitVersion = 'v1.32.3';

  constructor(seed: readonly KubeObject[] = []) {
    for (const o of seed) this.store(clone(o));
  }

  /** Keep a workload (Deployment/DaemonSet) unready, with a failing pod saying `reason`. */
  keepUnready(namespace: string, name: string, reason = 'ImagePullBackOff'): void {
    this.unready.set(`${namespace}/${name}`, reason);
    for (const o of this.objects.values()) if (o.metadata.namespace === namespace && o.metadata.name === name) this.reconcile(o);
  }

  all(): KubeObject[] {
    return [...this.objects.values()].map(clone);
  }

  find(kind: string, name: string, namespace?: string): KubeObject | undefined {
    return [...this.objects.values()].find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  }

  mutating(): FakeRequest[] {
    return this.requests.filter((r) => r.verb === 'apply' || r.verb === 'create' || r.verb === 'delete');
  }

  private store(o: KubeObject): void {
    const meta = o.metadata;
    meta.uid ??= `uid-${this.version}`;
    meta.resourceVersion = String(++this.version);
    meta.creationTimestamp ??= '2026-01-01T00:00:00Z';
    meta.generation ??= 1;
    this.objects.set(keyFor(o.apiVersion, o.kind, meta.namespace, meta.name ?? ''), o);
    this.reconcile(o);
  }

  /** The "controllers". */
  private reconcile(o: KubeObject): void {
    const meta = o.metadata;
    if (o.kind === 'CustomResourceDefinition') o.status = { conditions: [{ type: 'Established', status: 'True' }] };
    if (o.kind === 'Deployment' || o.kind === 'DaemonSet') {
      const reason = this.unready.get(`${meta.namespace}/${meta.name}`);
      const want = o.kind === 'Deployment' ? ((o.spec as { replicas?: number }).replicas ?? 1) : 1;
      const ready = reason ? 0 : want;
      o.status =
        o.kind === 'Deployment'
          ? { observedGeneration: meta.generation, replicas: want, updatedReplicas: want, readyReplicas: ready, availableReplicas: ready }
          : { observedGeneration: meta.generation, desiredNumberScheduled: 1, updatedNumberScheduled: 1, numberReady: ready, numberAvailable: ready };
      if (reason) this.failingPod(o, reason);
    }
  }

  private failingPod(workload: KubeObject, reason: string): void {
    const labels = ((workload.spec as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels ?? {}) as Record<string, string>;
    const name = `${workload.metadata.name}-7c9d-x2x4k`;
    const ns = workload.metadata.namespace;
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: ns, labels },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [{ name: 'main', ready: false, state: { waiting: { reason, message: `simulated ${reason}` } } }],
      },
    };
    this.objects.set(keyFor('v1', 'Pod', ns, name), pod);
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${name}.1`, namespace: ns },
      type: 'Warning',
      reason: 'Failed',
      message: `simulated ${reason}`,
      involvedObject: { kind: 'Pod', name, namespace: ns },
    };
    this.objects.set(keyFor('v1', 'Event', ns, `${name}.1`), event);
  }

  private check(verb: FakeRequest['verb'], ref: ObjectRef, dryRun = false): void {
    this.requests.push({ verb, key: `${ref.kind} ${ref.namespace ?? ''}/${ref.name}`, dryRun });
    const err = this.failWith?.(verb, ref, dryRun);
    if (err) throw err;
  }

  async serverVersion(): Promise<ServerVersion> {
    const m = /^v(\d+)\.(\d+)/.exec(this.serverGitVersion);
    return { major: m?.[1] ?? '1', minor: m?.[2] ?? '32', gitVersion: this.serverGitVersion };
  }

  async resourceFor(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/') as [string, string]) : ['', apiVersion];
    const lower = kind.toLowerCase();
    const resource = lower.endsWith('y') ? `${lower.slice(0, -1)}ies` : lower.endsWith('s') ? `${lower}es` : `${lower}s`;
    return { group, version, kind, resource, namespaced: !CLUSTER_SCOPED.has(kind), verbs: ['get', 'list', 'create', 'patch', 'delete'] };
  }

  async serverResources(): Promise<ResourceInfo[]> {
    return [];
  }

  async get<T extends KubeObject = KubeObject>(ref: ObjectRef): Promise<T | undefined> {
    this.check('get', ref);
    const o = this.objects.get(keyFor(ref.apiVersion, ref.kind, ref.namespace, ref.name));
    return o ? (clone(o) as T) : undefined;
  }

  async list<T extends KubeObject = KubeObject>(apiVersion: string, kind: string, options: ListOptions = {}): Promise<ListResult<T>> {
    this.check('list', { apiVersion, kind, name: '', namespace: options.namespace });
    const items = [...this.objects.values()].filter(
      (o) =>
        o.apiVersion === apiVersion &&
        o.kind === kind &&
        (options.namespace === undefined || o.metadata.namespace === options.namespace) &&
        matches(o.metadata.labels, options.labelSelector) &&
        (!options.fieldSelector?.startsWith('type=') || o.type === options.fieldSelector.slice(5)),
    );
    return { items: items.map(clone) as T[], resourceVersion: String(this.version) };
  }

  async apply<T extends KubeObject = KubeObject>(object: KubeObject, options: ApplyOptions = {}): Promise<T> {
    const ref = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name ?? '', namespace: object.metadata.namespace };
    this.check('apply', ref, options.dryRun);
    const key = keyFor(ref.apiVersion, ref.kind, ref.namespace, ref.name);
    const existing = this.objects.get(key);
    if (!CLUSTER_SCOPED.has(object.kind) && object.metadata.namespace && !this.find('Namespace', object.metadata.namespace)) {
      throw new KubeApiError({ status: 404, reason: 'NotFound', verb: 'apply', target: `namespace ${object.metadata.namespace}`, message: `namespaces "${object.metadata.namespace}" not found` });
    }
    const next = clone(object);
    next.metadata = { ...clone(object.metadata), uid: existing?.metadata.uid, creationTimestamp: existing?.metadata.creationTimestamp };
    const specChanged = existing !== undefined && JSON.stringify(existing.spec) !== JSON.stringify(next.spec);
    next.metadata.generation = (existing?.metadata.generation ?? 0) + (existing === undefined || specChanged ? 1 : 0);
    next.metadata.managedFields = [{ manager: options.fieldManager ?? 'sailctl', operation: 'Apply' }];
    if (this.injectCaBundle && /WebhookConfiguration$/.test(object.kind) && Array.isArray(next.webhooks)) {
      for (const w of next.webhooks as Array<{ clientConfig?: Record<string, unknown> }>) w.clientConfig = { ...w.clientConfig, caBundle: 'LS0tLS1CRUdJTg==' };
    }
    if (options.dryRun) return clone(next) as T;
    this.store(next);
    this.afterWrite?.('apply', ref);
    return clone(next) as T;
  }

  async create<T extends KubeObject = KubeObject>(object: KubeObject, options: { dryRun?: boolean } = {}): Promise<T> {
    const ref = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name ?? '', namespace: object.metadata.namespace };
    this.check('create', ref, options.dryRun);
    if (this.objects.has(keyFor(ref.apiVersion, ref.kind, ref.namespace, ref.name))) {
      throw new KubeApiError({ status: 409, reason: 'AlreadyExists', verb: 'create', target: ref.name, message: `"${ref.name}" already exists` });
    }
    if (!options.dryRun) this.store(clone(object));
    return clone(object) as T;
  }

  async delete(ref: ObjectRef, options: DeleteOptions = {}): Promise<'deleted' | 'not-found'> {
    this.check('delete', ref, options.dryRun);
    const key = keyFor(ref.apiVersion, ref.kind, ref.namespace, ref.name);
    if (!this.objects.has(key)) return 'not-found';
    if (options.dryRun) return 'deleted';
    this.objects.delete(key);
    if (ref.kind === 'Namespace') for (const [k, o] of this.objects) if (o.metadata.namespace === ref.name) this.objects.delete(k);
    this.afterWrite?.('delete', ref);
    return 'deleted';
  }

  async watch(): Promise<void> {
    throw new Error('FakeKube does not watch');
  }
  async podProxyGet(): Promise<string> {
    throw new Error('FakeKube has no pods/proxy');
  }
  async podProxyPost(): Promise<string> {
    throw new Error('FakeKube has no pods/proxy');
  }
  async portForwardGet(): Promise<string> {
    throw new Error('FakeKube has no port-forward');
  }
  async canI(): Promise<AccessReviewResult> {
    return { allowed: true };
  }
}
