/**
 * The resource endpoints: parses `/api/v1/...` and `/apis/{group}/{version}/...` paths into a route, and runs
 * the verb (get, list with selectors/pagination/Table, watch, create, update, patch in its four formats,
 * delete, deletecollection, SelfSubjectAccessReview) against the object API.
 */
import type { ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../../../src/kube/types.js';
import { groupVersion, type KindRegistry, type ResourceType } from './kinds.js';
import type { ObjectApi, WriteOptions } from './objects.js';
import { jsonPatch, mergePatch, PatchError, strategicMerge } from './patch.js';
import { fieldSelector, labelSelector } from './selectors.js';
import { ApiError, badRequest, gone, methodNotAllowed, notFoundPath, successStatus, unsupportedMediaType } from './status.js';
import { resourceKey } from './store.js';
import { toTable, wantsTable } from './table.js';
import { startWatch } from './watch.js';
import type { Denials } from './faults.js';

export interface Route {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** For proxy: the path after `/proxy`. */
  rest?: string;
}

export function parseResourcePath(path: string): Route | undefined {
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.+)$/.exec(path);
  if (!m) return undefined;
  const group = m[2] ?? '';
  const version = (m[1] ?? m[3]) as string;
  let segs = (m[4] as string).split('/');
  let namespace: string | undefined;
  if (segs[0] === 'namespaces' && segs.length >= 3 && !['status', 'finalize'].includes(segs[2] as string)) {
    namespace = decodeURIComponent(segs[1] as string);
    segs = segs.slice(2);
  }
  const [resource, name, subresource] = segs;
  if (!resource) return undefined;
  const rest = segs.length > 3 ? `/${segs.slice(3).join('/')}` : subresource !== undefined && path.endsWith('/') && segs.length === 3 ? '/' : undefined;
  return {
    group,
    version,
    resource,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name ? { name: decodeURIComponent(name) } : {}),
    ...(subresource ? { subresource } : {}),
    ...(rest !== undefined ? { rest } : {}),
  };
}

export function verbFor(method: string, route: Route | undefined, query: Record<string, string>): string {
  const watch = query.watch === '1' || query.watch === 'true';
  switch (method) {
    case 'GET':
      return route?.name ? 'get' : watch ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return route?.name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string | string[]>;
}

export interface RestContext {
  api: ObjectApi;
  kinds: KindRegistry;
  denials: Denials;
  /** Called when a watch stream starts (to log it) and ends. */
  watchStarted(res: ServerResponse): void;
}

interface Continue {
  rv: number;
  after: string;
}

function encodeContinue(c: Continue): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeContinue(token: string): Continue {
  try {
    const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Continue;
    if (typeof c.rv !== 'number' || typeof c.after !== 'string') throw new Error('bad');
    return c;
  } catch {
    throw badRequest(`invalid continue token: ${token}`);
  }
}

function list(ctx: RestContext, t: ResourceType, route: Route, query: Record<string, string>, accept: string | undefined): Answer {
  const match = ((l, f) => (o: KubeObject) => l(o) && f(o))(labelSelector(query.labelSelector), fieldSelector(query.fieldSelector, t.kind));
  let items = ctx.api.list(t, route.namespace).filter(match);
  const rv = ctx.api.store.currentRv();
  let start = 0;
  if (query.continue) {
    const c = decodeContinue(query.continue);
    if (c.rv < ctx.api.store.oldestRv) {
      throw gone('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results.');
    }
    const key = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    start = items.findIndex((o) => key(o) > c.after);
    if (start < 0) start = items.length;
  }
  const limit = query.limit ? Number(query.limit) : 0;
  const meta: Record<string, unknown> = { resourceVersion: String(rv) };
  let page = items.slice(start);
  if (limit > 0 && page.length > limit) {
    const last = page[limit - 1] as KubeObject;
    meta.continue = encodeContinue({ rv, after: `${last.metadata.namespace ?? ''}/${last.metadata.name}` });
    meta.remainingItemCount = page.length - limit;
    page = page.slice(0, limit);
  }
  items = page;
  if (wantsTable(accept)) return { status: 200, body: toTable(t, items, meta) };
  return { status: 200, body: { kind: `${t.kind}List`, apiVersion: groupVersion(t), metadata: meta, items } };
}

function parseBody(raw: string, contentType: string): unknown {
  if (raw.trim() === '') throw badRequest('the body of the request was empty');
  try {
    if (contentType.startsWith('application/apply-patch+yaml') || contentType.includes('yaml')) return parseYaml(raw) as unknown;
    return JSON.parse(raw) as unknown;
  } catch (e) {
    throw badRequest(`the body of the request could not be decoded: ${(e as Error).message.split('\n')[0]}`);
  }
}

function writeOptions(query: Record<string, string>, userAgent: string | undefined, subresource: string | undefined): WriteOptions {
  if (query.dryRun !== undefined && query.dryRun !== 'All') throw badRequest(`Invalid dryRun value: ${query.dryRun}: supported values: "All"`);
  const fv = query.fieldValidation;
  if (fv !== undefined && !['Strict', 'Warn', 'Ignore'].includes(fv)) {
    throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", got "${fv}"`);
  }
  const defaultManager = (userAgent ?? 'unknown').split('/')[0] || 'unknown';
  return {
    dryRun: query.dryRun === 'All',
    fieldManager: query.fieldManager ?? defaultManager,
    force: query.force === 'true',
    fieldValidation: fv ?? 'Warn',
    ...(subresource ? { subresource } : {}),
    warnings: [],
  };
}

function patchFn(contentType: string, body: unknown, t: ResourceType): (o: KubeObject) => unknown {
  const wrap = (f: (o: KubeObject) => unknown) => (o: KubeObject) => {
    try {
      return f(o);
    } catch (e) {
      if (e instanceof PatchError) throw new ApiError(422, 'Invalid', e.message);
      throw e;
    }
  };
  if (contentType.startsWith('application/merge-patch+json')) return wrap((o) => mergePatch(o, body));
  if (contentType.startsWith('application/json-patch+json')) return wrap((o) => jsonPatch(o, body));
  if (contentType.startsWith('application/strategic-merge-patch+json')) {
    if (t.custom) throw new ApiError(415, 'UnsupportedMediaType', 'strategic merge patch is not supported for custom resources');
    return wrap((o) => strategicMerge(o, body));
  }
  throw unsupportedMediaType(contentType);
}

function selfSubjectAccessReview(ctx: RestContext, body: unknown): Answer {
  const spec = ((body as { spec?: Record<string, any> })?.spec ?? {}) as Record<string, any>;
  const attrs = (spec.resourceAttributes ?? {}) as Record<string, string>;
  const denied = ctx.denials.denies({ verb: attrs.verb ?? '', resource: attrs.resource, group: attrs.group ?? '', namespace: attrs.namespace, subresource: attrs.subresource });
  return {
    status: 201,
    body: {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec,
      status: denied ? { allowed: false, denied: true, reason: 'denied by the loopback server' } : { allowed: true, reason: 'allowed by the loopback server' },
    },
  };
}

export function handleResource(
  ctx: RestContext,
  t: ResourceType,
  route: Route,
  req: { method: string; query: Record<string, string>; contentType: string; accept?: string; userAgent?: string; body: string },
  res: ServerResponse,
): Answer | 'streaming' {
  const { query } = req;
  const verb = verbFor(req.method, route, query);
  if (t.createOnly) {
    if (verb !== 'create') throw methodNotAllowed();
    return selfSubjectAccessReview(ctx, parseBody(req.body, req.contentType));
  }
  const ns = t.namespaced ? route.namespace : undefined;
  if (route.subresource && !['status', 'scale'].includes(route.subresource)) throw notFoundPath();
  const sub = route.subresource;
  const warnHeaders = (opts: WriteOptions): Record<string, string | string[]> =>
    opts.warnings && opts.warnings.length > 0 ? { Warning: opts.warnings.map((w) => `299 - ${JSON.stringify(w)}`) } : {};
  switch (verb) {
    case 'get': {
      const o = ctx.api.get(t, ns, route.name as string);
      if (sub === 'scale') return { status: 200, body: scaleOf(o) };
      return { status: 200, body: o };
    }
    case 'list':
      return list(ctx, t, route, query, req.accept);
    case 'watch': {
      const match = ((l, f) => (o: KubeObject) => l(o) && f(o))(labelSelector(query.labelSelector), fieldSelector(query.fieldSelector, t.kind));
      ctx.watchStarted(res);
      startWatch(ctx.api.store, res, {
        type: t,
        ...(ns !== undefined ? { namespace: ns } : {}),
        match,
        ...(query.resourceVersion !== undefined ? { resourceVersion: query.resourceVersion } : {}),
        ...(query.timeoutSeconds ? { timeoutSeconds: Number(query.timeoutSeconds) } : {}),
        bookmarks: query.allowWatchBookmarks === 'true' || query.allowWatchBookmarks === '1',
        sendInitialEvents: query.sendInitialEvents === 'true',
      }, () => {});
      return 'streaming';
    }
    case 'create': {
      if (route.name) throw methodNotAllowed();
      const opts = writeOptions(query, req.userAgent, undefined);
      const o = ctx.api.create(t, ns, parseBody(req.body, req.contentType), opts);
      return { status: 201, body: o, headers: warnHeaders(opts) };
    }
    case 'update': {
      const opts = writeOptions(query, req.userAgent, sub);
      const body = parseBody(req.body, req.contentType);
      if (sub === 'scale') return { status: 200, body: scaleOf(ctx.api.patch(t, ns, route.name as string, (o) => withReplicas(o, body), opts)) };
      const o = ctx.api.update(t, ns, route.name as string, body, opts);
      return { status: 200, body: o, headers: warnHeaders(opts) };
    }
    case 'patch': {
      const opts = writeOptions(query, req.userAgent, sub);
      const body = parseBody(req.body, req.contentType);
      if (req.contentType.startsWith('application/apply-patch+yaml')) {
        if (query.fieldManager === undefined) throw badRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
        const existed = ctx.api.find(t, ns, route.name as string) !== undefined;
        const o = ctx.api.apply(t, ns, route.name as string, body, opts);
        return { status: existed ? 200 : 201, body: o, headers: warnHeaders(opts) };
      }
      const fn = patchFn(req.contentType, body, t);
      if (sub === 'scale') {
        return { status: 200, body: scaleOf(ctx.api.patch(t, ns, route.name as string, (o) => withReplicas(o, fn(scaleOf(o) as KubeObject)), opts)) };
      }
      const o = ctx.api.patch(t, ns, route.name as string, fn, opts);
      return { status: 200, body: o, headers: warnHeaders(opts) };
    }
    case 'delete': {
      const opts = req.body.trim() ? (parseBody(req.body, 'application/json') as Record<string, any>) : {};
      if (query.dryRun !== undefined && query.dryRun !== 'All') throw badRequest(`Invalid dryRun value: ${query.dryRun}`);
      const dryRun = query.dryRun === 'All' || (Array.isArray(opts.dryRun) && opts.dryRun.includes('All'));
      const propagationPolicy = query.propagationPolicy ?? opts.propagationPolicy ?? (opts.orphanDependents === true ? 'Orphan' : undefined);
      const o = ctx.api.delete(t, ns, route.name as string, { dryRun, propagationPolicy, preconditions: opts.preconditions });
      const returnsObject = t.custom || t.kind === 'CustomResourceDefinition' || (t.group === '' && ['Pod', 'Namespace'].includes(t.kind)) || !!o.metadata.deletionTimestamp;
      if (returnsObject) return { status: 200, body: o };
      return { status: 200, body: successStatus({ name: o.metadata.name, group: t.group, kind: t.plural, uid: o.metadata.uid }) };
    }
    case 'deletecollection': {
      const match = ((l, f) => (o: KubeObject) => l(o) && f(o))(labelSelector(query.labelSelector), fieldSelector(query.fieldSelector, t.kind));
      const dryRun = query.dryRun === 'All';
      const doomed = ctx.api.list(t, ns).filter(match);
      for (const o of doomed) ctx.api.delete(t, o.metadata.namespace, o.metadata.name as string, { dryRun });
      return { status: 200, body: { kind: `${t.kind}List`, apiVersion: groupVersion(t), metadata: { resourceVersion: String(ctx.api.store.currentRv()) }, items: doomed } };
    }
    default:
      throw methodNotAllowed();
  }
}

function scaleOf(o: KubeObject): unknown {
  const spec = (o.spec ?? {}) as Record<string, any>;
  const status = (o.status ?? {}) as Record<string, any>;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0 },
  };
}

function withReplicas(o: KubeObject, scale: unknown): KubeObject {
  const replicas = (scale as { spec?: { replicas?: number } })?.spec?.replicas;
  return { ...o, spec: { ...(o.spec as object), replicas } };
}

export { resourceKey };
