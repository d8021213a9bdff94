/**
 * The cluster port's adapter: KubeClient over our transport (./transport.ts), with client-node used for
 * kubeconfig credentials and port-forward only. Requests name their verb and target so every failure
 * reads as "what was being done to what".
 */
import { KubeApiError } from './errors.js';
import { apiError as errorFor, resourceLabel, type RequestIntent } from './error-mapping.js';
import { Discovery, groupVersionPath } from './discovery.js';
import type { KubeConfig } from '@kubernetes/client-node';
import { staticCredentials } from './credentials.js';
import { loadKubeconfig } from './kubeconfig-files.js';
import { resolveRetry, type RetryPolicy } from './retry.js';
import { Transport } from './transport.js';
import type {
  AccessReview,
  AccessReviewResult,
  ApplyOptions,
  DeleteOptions,
  KubeClient,
  KubeClientOptions,
  KubeObject,
  ListOptions,
  ListResult,
  ObjectRef,
  PodPortRequest,
  ResourceInfo,
  ServerVersion,
  WatchEvent,
  WatchOptions,
} from './types.js';
import { runWatch } from './watch.js';

const enc = encodeURIComponent;

/** Test seams that are not part of the port. */
export interface KubeClientInternals {
  random?: () => number;
}

interface Located {
  info: ResourceInfo;
  intent: RequestIntent;
  /** Collection path (`/apis/apps/v1/namespaces/x/deployments`). */
  collection: string;
}

class Client implements KubeClient {
  readonly contextName: string;
  readonly server: string;
  readonly namespace: string;
  private readonly discovery: Discovery;

  constructor(
    private readonly transport: Transport,
    private readonly loaded: ClientTarget,
    private readonly options: KubeClientOptions,
    private readonly retry: RetryPolicy,
    private readonly internals: KubeClientInternals,
  ) {
    this.contextName = loaded.contextName;
    this.server = loaded.server;
    this.namespace = loaded.namespace;
    this.discovery = new Discovery(transport);
  }

  /** Frees pooled connections (the process exits without it too: idle sockets are unreferenced). */
  close(): void {
    this.transport.close();
  }

  serverVersion(): Promise<ServerVersion> {
    return this.transport.json<ServerVersion>({ method: 'GET', path: '/version', idempotent: true }, { verb: 'get', resource: 'server version' });
  }

  resourceFor(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    return this.discovery.resourceFor(apiVersion, kind);
  }

  serverResources(): Promise<ResourceInfo[]> {
    return this.discovery.serverResources();
  }

  /** Discovery + path for a kind; undefined when the server does not serve it. */
  private async locate(apiVersion: string, kind: string, verb: string, namespace: string | undefined, name?: string): Promise<Located | undefined> {
    const info = await this.discovery.resourceFor(apiVersion, kind);
    if (!info) return undefined;
    const ns = info.namespaced ? (namespace ?? (verb === 'list' || verb === 'watch' ? undefined : this.namespace)) : undefined;
    const base = groupVersionPath(apiVersion);
    const collection = ns ? `${base}/namespaces/${enc(ns)}/${info.resource}` : `${base}/${info.resource}`;
    return { info, collection, intent: { verb, resource: resourceLabel(info.resource, info.group), name, namespace: ns } };
  }

  private async require(apiVersion: string, kind: string, verb: string, namespace: string | undefined, name?: string): Promise<Located> {
    const located = await this.locate(apiVersion, kind, verb, namespace, name);
    if (located) return located;
    const message = `the Kubernetes API server at ${this.server} does not serve ${kind} (${apiVersion})${apiVersion.includes('.') ? ': is its CustomResourceDefinition installed?' : ''}`;
    throw new KubeApiError({ status: 404, reason: 'NotFound', verb, target: `${kind} (${apiVersion})`, message });
  }

  async get<T extends KubeObject = KubeObject>(ref: ObjectRef): Promise<T | undefined> {
    const at = await this.locate(ref.apiVersion, ref.kind, 'get', ref.namespace, ref.name);
    if (!at) return undefined;
    const res = await this.transport.request({ method: 'GET', path: `${at.collection}/${enc(ref.name)}`, idempotent: true });
    if (res.status === 404) return undefined;
    return this.parsed<T>(res, at.intent);
  }

  private parsed<T>(res: { status: number; body: string }, intent: RequestIntent): T {
    if (res.status < 200 || res.status >= 300) throw this.apiError(res, intent);
    try {
      return JSON.parse(res.body) as T;
    } catch {
      throw this.apiError({ status: 502, body: 'the answer was not JSON' }, intent);
    }
  }

  private apiError(res: { status: number; body: string }, intent: RequestIntent): KubeApiError {
    return errorFor(res.status, res.body, intent, { server: this.server, contextName: this.contextName });
  }

  async list<T extends KubeObject = KubeObject>(apiVersion: string, kind: string, options: ListOptions = {}): Promise<ListResult<T>> {
    const at = await this.require(apiVersion, kind, 'list', options.namespace);
    const pageSize = options.pageSize ?? 500;
    for (let restarted = false; ; restarted = true) {
      const items: T[] = [];
      let token: string | undefined;
      try {
        for (;;) {
          const q = new URLSearchParams({ limit: String(pageSize) });
          if (options.labelSelector) q.set('labelSelector', options.labelSelector);
          if (options.fieldSelector) q.set('fieldSelector', options.fieldSelector);
          if (token) q.set('continue', token);
          const page = await this.transport.json<{ items?: T[]; metadata?: { continue?: string; resourceVersion?: string } }>(
            { method: 'GET', path: `${at.collection}?${q}`, idempotent: true },
            at.intent,
          );
          for (const item of page.items ?? []) items.push({ ...item, apiVersion, kind } as T);
          token = page.metadata?.continue || undefined;
          if (!token) return { items, resourceVersion: page.metadata?.resourceVersion ?? '' };
        }
      } catch (err) {
        // The continue token expired while paging (410): start over once, as kubectl does.
        if (!restarted && token && err instanceof KubeApiError && err.status === 410) continue;
        throw err;
      }
    }
  }

  async apply<T extends KubeObject = KubeObject>(object: KubeObject, options: ApplyOptions = {}): Promise<T> {
    const name = object.metadata?.name;
    const at = await this.require(object.apiVersion, object.kind, 'apply', object.metadata?.namespace, name);
    if (!name) throw this.apiError({ status: 422, body: 'metadata.name is required' }, at.intent);
    const q = new URLSearchParams({ fieldManager: options.fieldManager ?? 'sailctl' });
    if (options.force) q.set('force', 'true');
    if (options.dryRun) q.set('dryRun', 'All');
    const res = await this.transport.request({
      method: 'PATCH',
      path: `${at.collection}/${enc(name)}?${q}`,
      body: JSON.stringify(object),
      contentType: 'application/apply-patch+yaml',
      idempotent: true,
    });
    return this.parsed<T>(res, at.intent);
  }

  async create<T extends KubeObject = KubeObject>(object: KubeObject, options: { dryRun?: boolean } = {}): Promise<T> {
    const at = await this.require(object.apiVersion, object.kind, 'create', object.metadata?.namespace, object.metadata?.name);
    const q = options.dryRun ? '?dryRun=All' : '';
    const res = await this.transport.request({ method: 'POST', path: `${at.collection}${q}`, body: JSON.stringify(object), idempotent: false });
    return this.parsed<T>(res, at.intent);
  }

  async delete(ref: ObjectRef, options: DeleteOptions = {}): Promise<'deleted' | 'not-found'> {
    const at = await this.locate(ref.apiVersion, ref.kind, 'delete', ref.namespace, ref.name);
    if (!at) return 'not-found';
    const body: Record<string, unknown> = { apiVersion: 'v1', kind: 'DeleteOptions' };
    if (options.propagationPolicy) body.propagationPolicy = options.propagationPolicy;
    if (options.dryRun) body.dryRun = ['All'];
    const q = options.dryRun ? '?dryRun=All' : '';
    const res = await this.transport.request({
      method: 'DELETE',
      path: `${at.collection}/${enc(ref.name)}${q}`,
      body: JSON.stringify(body),
      idempotent: true,
    });
    if (res.status === 404) return 'not-found';
    this.parsed(res, at.intent);
    return 'deleted';
  }

  async watch<T extends KubeObject = KubeObject>(
    apiVersion: string,
    kind: string,
    options: WatchOptions,
    onEvent: (event: WatchEvent<T>) => void,
  ): Promise<void> {
    const at = await this.require(apiVersion, kind, 'watch', options.namespace);
    const { signal: _signal, resourceVersion: _rv, ...listOptions } = options;
    await runWatch<T>(
      {
        transport: this.transport,
        path: at.collection,
        apiVersion,
        kind,
        intent: at.intent,
        list: () => this.list(apiVersion, kind, listOptions),
        retry: this.retry,
        random: this.internals.random,
      },
      options,
      onEvent,
    );
  }

  private podPath(request: PodPortRequest): string {
    const path = request.path.startsWith('/') ? request.path : `/${request.path}`;
    return `/api/v1/namespaces/${enc(request.namespace)}/pods/${enc(request.pod)}:${request.port}/proxy${path}`;
  }

  private podIntent(verb: string, request: PodPortRequest): RequestIntent {
    return { verb, resource: 'pods/proxy', name: `${request.pod}:${request.port}`, namespace: request.namespace };
  }

  async podProxyGet(request: PodPortRequest): Promise<string> {
    const res = await this.transport.request({ method: 'GET', path: this.podPath(request), accept: '*/*', idempotent: true });
    if (res.status < 200 || res.status >= 300) throw this.apiError(res, this.podIntent('get', request));
    return res.body;
  }

  async podProxyPost(request: PodPortRequest): Promise<string> {
    const res = await this.transport.request({ method: 'POST', path: this.podPath(request), accept: '*/*', body: '', idempotent: false });
    if (res.status < 200 || res.status >= 300) throw this.apiError(res, this.podIntent('post to', request));
    return res.body;
  }

  async portForwardGet(request: PodPortRequest): Promise<string> {
    const { portForwardGet } = await import('./port-forward.js');
    return portForwardGet(await this.loaded.kubeConfig(), this.transport.endpoint, this.options.timeoutMs, this.options.signal, request);
  }

  async canI(review: AccessReview): Promise<AccessReviewResult> {
    const body = {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: {
          verb: review.verb,
          group: review.group ?? '',
          resource: review.resource,
          ...(review.subresource ? { subresource: review.subresource } : {}),
          ...(review.namespace ? { namespace: review.namespace } : {}),
          ...(review.name ? { name: review.name } : {}),
        },
      },
    };
    // An access review stores nothing, so sending it twice is harmless.
    const answer = await this.transport.json<{ status?: { allowed?: boolean; denied?: boolean; reason?: string } }>(
      { method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', body: JSON.stringify(body), idempotent: true },
      { verb: 'create', resource: 'selfsubjectaccessreviews.authorization.k8s.io' },
    );
    const status = answer.status ?? {};
    return { allowed: status.allowed === true, ...(status.denied ? { denied: true } : {}), ...(status.reason ? { reason: status.reason } : {}) };
  }
}

/** Where the client talks to, and client-node's KubeConfig for what needs it (loaded on first use). */
interface ClientTarget {
  contextName: string;
  server: string;
  namespace: string;
  kubeConfig(): Promise<KubeConfig>;
}

export async function createKubeClient(options: KubeClientOptions, internals: KubeClientInternals = {}): Promise<KubeClient & { close(): void }> {
  // Kubeconfig problems are found before @kubernetes/client-node is loaded, and static credentials (CA, client
  // certificates, tokens) never load it: only plugins, impersonation, proxies and port-forward do (~0.5 s).
  const selected = loadKubeconfig({ kubeconfig: options.kubeconfig, context: options.context, env: options.env });
  let kc: Promise<KubeConfig> | undefined;
  const kubeConfig = () => (kc ??= import('./kubeconfig.js').then((m) => m.toKubeConfig(selected).kc));
  const credentials = staticCredentials(selected);
  const target: ClientTarget = {
    contextName: selected.context.name,
    server: selected.cluster.server.replace(/\/+$/, ''),
    namespace: selected.context.namespace ?? 'default',
    kubeConfig,
  };
  const retry = resolveRetry(options.retry);
  const transport = new Transport({
    ...(credentials ? { credentials } : { kc: await kubeConfig() }),
    endpoint: { server: target.server, contextName: target.contextName },
    timeoutMs: options.timeoutMs,
    retry,
    signal: options.signal,
    verbose: options.verbose ?? 0,
    log: options.log,
    random: internals.random,
  });
  return new Client(transport, target, options, retry, internals);
}
