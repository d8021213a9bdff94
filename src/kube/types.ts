/**
 * The cluster port: what sailctl needs from a Kubernetes API server, named by intention.
 * This file is types only, so commands and domain code can depend on it without loading
 * @kubernetes/client-node; the adapter in ./client.ts implements it (loaded lazily by ctx.kube()).
 */

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
  uid?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }>;
  managedFields?: unknown[];
  [key: string]: unknown;
}

/** Any Kubernetes object as JSON. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** Identifies one object. `namespace` is ignored for cluster-scoped kinds. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** What discovery says about a kind. */
export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  /** Plural resource name, e.g. `virtualservices`. */
  resource: string;
  namespaced: boolean;
  verbs: readonly string[];
}

export interface ServerVersion {
  major: string;
  minor: string;
  gitVersion: string;
  platform?: string;
}

export interface ListOptions {
  /** Namespace to list in; omitted = all namespaces (or cluster-scoped kinds). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size for `limit`/`continue` pagination (default 500). */
  pageSize?: number;
}

export interface ListResult<T extends KubeObject = KubeObject> {
  items: T[];
  /** The list's resourceVersion, usable to start a watch. */
  resourceVersion: string;
}

export interface ApplyOptions {
  /** Server-side dry run (`dryRun=All`): nothing is persisted. */
  dryRun?: boolean;
  /** Take ownership of fields managed by others (`force=true`). */
  force?: boolean;
  /** Defaults to `sailctl`. */
  fieldManager?: string;
}

export interface DeleteOptions {
  dryRun?: boolean;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  object: T;
}

export interface WatchOptions extends Omit<ListOptions, 'pageSize'> {
  /** Start after this resourceVersion; omitted = list first, then watch from the list's version. */
  resourceVersion?: string;
  /** Stops the watch. */
  signal: AbortSignal;
}

export interface AccessReview {
  verb: string;
  group?: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export interface AccessReviewResult {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
}

/** Where a request should go through to reach a port of a pod (istiod's 15014, Envoy's 15000). */
export interface PodPortRequest {
  namespace: string;
  pod: string;
  port: number;
  /** Path with query, e.g. `/debug/syncz` or `/config_dump?include_eds`. */
  path: string;
}

export interface KubeClientOptions {
  /** `-c/--kubeconfig`; otherwise `$KUBECONFIG` (a path list), otherwise ~/.kube/config, otherwise in-cluster. */
  kubeconfig?: string;
  /** `--context`; otherwise the current-context of the first file that sets one. */
  context?: string;
  /** Per-request timeout (`--kubeclient-timeout`). */
  timeoutMs: number;
  env: Readonly<Record<string, string | undefined>>;
  /** Aborts every request in flight. */
  signal?: AbortSignal;
  /** With verbose >= 6 the adapter logs one line per request (method, URL path, status, ms). */
  verbose?: number;
  log?: (line: string) => void;
  /** Retry policy for 429/5xx/connection resets (defaults: 5 attempts, 200 ms base, 5 s cap). */
  retry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number };
}

export interface KubeClient {
  /** The kubeconfig context in use and its server URL: for messages. Never holds credentials. */
  readonly contextName: string;
  readonly server: string;
  /** The context's namespace, or `default`. */
  readonly namespace: string;

  serverVersion(): Promise<ServerVersion>;
  /** Discovery, cached per client: `undefined` when the server does not serve this kind. */
  resourceFor(apiVersion: string, kind: string): Promise<ResourceInfo | undefined>;
  /** All kinds the server serves (preferred and other versions). */
  serverResources(): Promise<ResourceInfo[]>;

  /** `undefined` when it does not exist (404). */
  get<T extends KubeObject = KubeObject>(ref: ObjectRef): Promise<T | undefined>;
  /** Every page, following `continue`. */
  list<T extends KubeObject = KubeObject>(apiVersion: string, kind: string, options?: ListOptions): Promise<ListResult<T>>;
  /** Server-side apply (`application/apply-patch+yaml`) with field manager `sailctl` unless told otherwise. */
  apply<T extends KubeObject = KubeObject>(object: KubeObject, options?: ApplyOptions): Promise<T>;
  /** Creates; rejects with reason `AlreadyExists` if it exists. */
  create<T extends KubeObject = KubeObject>(object: KubeObject, options?: { dryRun?: boolean }): Promise<T>;
  /** `deleted`, or `not-found` when it was already gone. */
  delete(ref: ObjectRef, options?: DeleteOptions): Promise<'deleted' | 'not-found'>;
  /**
   * Streams events until `signal` aborts. Re-lists (emitting the current objects as ADDED/MODIFIED/DELETED
   * relative to what was seen) when the server says the resourceVersion expired (410 Gone) or the stream ends.
   */
  watch<T extends KubeObject = KubeObject>(
    apiVersion: string,
    kind: string,
    options: WatchOptions,
    onEvent: (event: WatchEvent<T>) => void,
  ): Promise<void>;

  /** GET through the API server's `pods/proxy` subresource. Returns the body text. */
  podProxyGet(request: PodPortRequest): Promise<string>;
  /** POST through `pods/proxy` (e.g. Envoy's `/logging?level=debug`). Returns the body text. */
  podProxyPost(request: PodPortRequest): Promise<string>;
  /** GET over a port-forward to the pod (the fallback when pods/proxy is not allowed). */
  portForwardGet(request: PodPortRequest): Promise<string>;

  /** SelfSubjectAccessReview for the current user. */
  canI(review: AccessReview): Promise<AccessReviewResult>;
}
