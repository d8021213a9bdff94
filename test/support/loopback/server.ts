/**
 * The HTTPS front: bearer-token authentication (401 Status), the request log, injected faults and denials,
 * then dispatch to health/version, discovery, OpenAPI, pod proxy and the resource endpoints.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../../../src/kube/types.js';
import { discoveryDocument } from './discovery.js';
import { Denials, type Faults } from './faults.js';
import type { KindRegistry } from './kinds.js';
import type { ObjectApi } from './objects.js';
import { openApiV2, openApiV3Document, openApiV3Root } from './openapi.js';
import { handleResource, parseResourcePath, verbFor, type Answer, type Route } from './rest.js';
import { ApiError, notFound, notFoundPath } from './status.js';
import type { TlsMaterial } from './tls.js';

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  verb: string;
  resource?: string;
  namespace?: string;
  name?: string;
  status: number;
  dryRun: boolean;
  contentType?: string;
  userAgent?: string;
  ms: number;
}

export type PodProxyHandler = (req: {
  namespace: string;
  pod: string;
  port: number;
  path: string;
  method: string;
  body: string;
  podObject: KubeObject;
}) => { status: number; body: string; contentType?: string } | undefined;

/**
 * Called as each authenticated request arrives, before it is handled (its record has status 0 then): lets a
 * test act at a known request, such as interrupting a command when its first write of some object comes in.
 */
export type RequestHook = (request: Readonly<RequestRecord>) => void;

export interface ServerState {
  token: string;
  kubernetesVersion: string;
  api: ObjectApi;
  kinds: KindRegistry;
  faults: Faults;
  denials: Denials;
  requests: RequestRecord[];
  podProxies: PodProxyHandler[];
  requestHooks: RequestHook[];
  address(): string;
}

const HEALTH = new Set(['/healthz', '/readyz', '/livez']);

function authorized(state: ServerState, req: IncomingMessage): boolean {
  return req.headers.authorization === `Bearer ${state.token}`;
}

export function unauthorized(res: ServerResponse): void {
  const err = new ApiError(401, 'Unauthorized', 'Unauthorized');
  res.writeHead(401, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(err.body()));
}

function versionInfo(v: string): Record<string, string> {
  const m = /^v(\d+)\.(\d+)/.exec(v);
  return {
    major: m?.[1] ?? '1',
    minor: m?.[2] ?? '32',
    gitVersion: v,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-03-11T00:00:00Z',
    goVersion: 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function nonResource(state: ServerState, path: string, accept: string): Answer | undefined {
  if (path === '/version') return { status: 200, body: versionInfo(state.kubernetesVersion) };
  if (HEALTH.has(path)) return { status: 200, body: 'ok' };
  if (path === '/openapi/v3') return { status: 200, body: openApiV3Root(state.kinds) };
  if (path.startsWith('/openapi/v3/')) {
    const doc = openApiV3Document(state.kinds, path);
    return doc ? { status: 200, body: doc } : undefined;
  }
  if (path === '/openapi/v2') {
    if (!/application\/json|\*\/\*/.test(accept) && accept !== '') {
      return { status: 406, body: new ApiError(406, 'NotAcceptable', `only the following media types are accepted: application/json`).body() };
    }
    return { status: 200, body: openApiV2(state.kinds, state.kubernetesVersion) };
  }
  const doc = discoveryDocument(state.kinds, path, state.address());
  return doc ? { status: 200, body: doc } : undefined;
}

function podProxy(state: ServerState, route: Route, method: string, query: string, body: string): Answer {
  const [pod, portText] = (route.name ?? '').split(':') as [string, string | undefined];
  const podType = state.kinds.byResource('', 'v1', 'pods');
  const podObject = podType ? state.api.find(podType, route.namespace, pod) : undefined;
  if (!podType || !podObject) throw notFound({ group: '', plural: 'pods', kind: 'Pod' }, pod);
  const firstPort = ((podObject.spec as any)?.containers ?? []).flatMap((c: any) => c.ports ?? [])[0]?.containerPort as number | undefined;
  const port = portText ? Number(portText) : (firstPort ?? 80);
  const path = `${route.rest ?? '/'}${query}`;
  for (const h of state.podProxies) {
    const answer = h({ namespace: route.namespace ?? '', pod, port, path, method, body, podObject });
    if (answer) return { status: answer.status, body: answer.body, headers: { 'Content-Type': answer.contentType ?? 'text/plain; charset=utf-8' } };
  }
  const ip = (podObject.status as any)?.podIP ?? '10.244.0.1';
  throw new ApiError(503, 'ServiceUnavailable', `error trying to reach service: dial tcp ${ip}:${port}: connect: connection refused`);
}

function send(res: ServerResponse, answer: Answer): void {
  const raw = typeof answer.body === 'string';
  res.writeHead(answer.status, { 'Content-Type': raw ? 'text/plain; charset=utf-8' : 'application/json', ...answer.headers });
  res.end(raw ? (answer.body as string) : JSON.stringify(answer.body));
}

export function createApiServer(state: ServerState, tls: TlsMaterial): Server {
  return createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    void handle(state, req, res);
  });
}

async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  const path = url.pathname;
  const query = Object.fromEntries(url.searchParams);
  if (!authorized(state, req)) return unauthorized(res);
  const method = (req.method ?? 'GET').toUpperCase();
  const route = parseResourcePath(path);
  const verb = route ? verbFor(method, route, query) : method.toLowerCase();
  const contentType = req.headers['content-type'];
  const record: RequestRecord = {
    method,
    path,
    query,
    verb,
    ...(route ? { resource: route.subresource ? `${route.resource}/${route.subresource}` : route.resource } : {}),
    ...(route?.namespace !== undefined ? { namespace: route.namespace } : route?.resource === 'namespaces' && route.name ? {} : {}),
    ...(route?.name ? { name: route.name } : {}),
    status: 0,
    dryRun: query.dryRun === 'All',
    ...(contentType ? { contentType } : {}),
    ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
    ms: 0,
  };
  for (const hook of [...state.requestHooks]) hook(record);
  const finish = (answer: Answer): void => {
    record.status = answer.status;
    record.ms = performance.now() - started;
    state.requests.push(record);
    send(res, answer);
  };
  try {
    const body = await readBody(req);
    const fault = state.faults.evaluate({ method, path, verb, ...(route ? { group: route.group, resource: route.resource } : {}) });
    if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault?.reset) {
      record.ms = performance.now() - started;
      state.requests.push(record);
      req.socket.destroy();
      return;
    }
    if (fault?.error) throw fault.error;
    if (contentType?.startsWith('application/vnd.kubernetes.protobuf')) {
      throw new ApiError(415, 'UnsupportedMediaType', `the loopback API server does not decode protobuf request bodies; send application/json (got ${contentType})`);
    }
    if (!route) {
      const answer = nonResource(state, path, String(req.headers.accept ?? ''));
      if (!answer) throw notFoundPath();
      return finish(answer);
    }
    const t = state.kinds.byResource(route.group, route.version, route.resource);
    if (!t) throw notFoundPath();
    const namespace = t.namespaced ? route.namespace : undefined;
    const rbacVerb = route.subresource === 'proxy' ? (method === 'GET' ? 'get' : 'create') : verb === 'watch' ? 'watch' : verb;
    if (state.denials.denies({ verb: rbacVerb, resource: t.plural, group: t.group, namespace, subresource: route.subresource })) {
      throw Denials.forbidden({ verb: rbacVerb, resource: t.plural, group: t.group, namespace, subresource: route.subresource, name: route.name });
    }
    if (route.subresource === 'proxy' && t.kind === 'Pod') return finish(podProxy(state, route, method, url.search, body));
    const answer = handleResource(
      {
        api: state.api,
        kinds: state.kinds,
        denials: state.denials,
        watchStarted: () => {
          record.status = 200;
          record.ms = performance.now() - started;
          state.requests.push(record);
        },
      },
      t,
      route,
      { method, query, contentType: contentType ?? 'application/json', accept: req.headers.accept, userAgent: req.headers['user-agent'], body },
      res,
    );
    if (answer !== 'streaming') finish(answer);
  } catch (e) {
    if (e instanceof ApiError) return finish({ status: e.code, body: e.body(), headers: e.headers });
    const err = new ApiError(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`);
    finish({ status: 500, body: err.body() });
  }
}
