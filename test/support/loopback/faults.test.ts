import { connect } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from './index.js';
import { call } from './test-client.js';

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer({ seed: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } }] });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.faults.clear();
});

const cms = '/api/v1/namespaces/default/configmaps';

describe('faults', () => {
  it('fails only the nth matching request with the given status', async () => {
    server.faults.add({ verb: 'list', path: cms, nth: 2, status: 503 });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await call(server, 'GET', cms)).status);
    expect(codes).toEqual([200, 503, 200, 200]);
  });

  it('answers 429 with Retry-After and a Status body', async () => {
    server.faults.add({ method: 'GET', path: /configmaps$/, status: 429, retryAfterSeconds: 2, times: 1 });
    const r = await call(server, 'GET', cms);
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBe('2');
    expect(r.body).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', code: 429, details: { retryAfterSeconds: 2 } });
    expect((await call(server, 'GET', cms)).status).toBe(200);
  });

  it('injects a deterministic fraction of failures', async () => {
    const run = async () => {
      server.faults.clear();
      server.faults.add({ verb: 'get', fraction: 0.5, status: 500 });
      const codes: number[] = [];
      for (let i = 0; i < 20; i++) codes.push((await call(server, 'GET', '/api/v1/namespaces/default')).status);
      return codes;
    };
    const first = await run();
    const failures = first.filter((c) => c === 500).length;
    expect(failures).toBeGreaterThan(2);
    expect(failures).toBeLessThan(18);
    expect(await run()).toEqual(first);
  });

  it('resets the connection', async () => {
    server.faults.add({ verb: 'get', reset: true, times: 1 });
    await expect(call(server, 'GET', '/api/v1/namespaces/default')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await call(server, 'GET', '/api/v1/namespaces/default')).status).toBe(200);
  });

  it('adds latency', async () => {
    server.faults.add({ verb: 'get', latencyMs: 120 });
    const t0 = performance.now();
    await call(server, 'GET', '/api/v1/namespaces/default');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
  });

  it('removes a rule with the returned function', async () => {
    const remove = server.faults.add({ verb: 'get', status: 500 });
    expect((await call(server, 'GET', '/api/v1/namespaces/default')).status).toBe(500);
    remove();
    expect((await call(server, 'GET', '/api/v1/namespaces/default')).status).toBe(200);
  });
});

describe('deny and access reviews', () => {
  it('answers 403 Forbidden with the authorizer wording', async () => {
    const undo = server.deny('create', 'deployments', { group: 'apps', namespace: 'istio-system' });
    const r = await call(server, 'POST', '/apis/apps/v1/namespaces/istio-system/deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({
      kind: 'Status',
      reason: 'Forbidden',
      code: 403,
      message: 'deployments.apps is forbidden: User "sailctl-test" cannot create resource "deployments" in API group "apps" in the namespace "istio-system"',
      details: { group: 'apps', kind: 'deployments' },
    });
    const other = await call(server, 'GET', '/apis/apps/v1/namespaces/istio-system/deployments');
    expect(other.status).toBe(200);
    const review = await call(server, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'istio-system' } },
    });
    expect(review.status).toBe(201);
    expect(review.body.status).toMatchObject({ allowed: false, denied: true });
    undo();
    const after = await call(server, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      spec: { resourceAttributes: { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'istio-system' } },
    });
    expect(after.body.status.allowed).toBe(true);
  });

  it('names the object and the cluster scope', async () => {
    server.deny('get', 'nodes');
    const r = await call(server, 'GET', '/api/v1/nodes/loopback-node');
    expect(r.body.message).toBe('nodes "loopback-node" is forbidden: User "sailctl-test" cannot get resource "nodes" in API group "" at the cluster scope');
  });
});

describe('pods/proxy hook', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'istiod-1', namespace: 'istio-system' }, spec: { containers: [{ name: 'discovery', image: 'istio/pilot', ports: [{ containerPort: 15014 }] }] } };

  it('routes to handlers, 503 without an answer, 404 without the pod', async () => {
    server.seed([pod]);
    const seen: unknown[] = [];
    const off = server.onPodProxy((req) => {
      seen.push({ ...req, podObject: req.podObject.metadata.name });
      return req.path.startsWith('/debug/syncz') ? { status: 200, body: '[]', contentType: 'application/json' } : undefined;
    });
    const ok = await call(server, 'GET', '/api/v1/namespaces/istio-system/pods/istiod-1:15014/proxy/debug/syncz?x=1');
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('application/json');
    expect(ok.text).toBe('[]');
    expect(seen[0]).toEqual({ namespace: 'istio-system', pod: 'istiod-1', port: 15014, path: '/debug/syncz?x=1', method: 'GET', body: '', podObject: 'istiod-1' });
    const defaultPort = await call(server, 'POST', '/api/v1/namespaces/istio-system/pods/istiod-1/proxy/other', 'payload', { 'Content-Type': 'text/plain' });
    expect(defaultPort.status).toBe(503);
    expect(defaultPort.body).toMatchObject({ kind: 'Status', reason: 'ServiceUnavailable', code: 503 });
    expect(seen[1]).toMatchObject({ port: 15014, method: 'POST', body: 'payload', path: '/other' });
    const missing = await call(server, 'GET', '/api/v1/namespaces/istio-system/pods/nope:15014/proxy/debug/syncz');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('pods "nope" not found');
    off();
    expect((await call(server, 'GET', '/api/v1/namespaces/istio-system/pods/istiod-1:15014/proxy/debug/syncz')).status).toBe(503);
  });
});

describe('request hook', () => {
  it('sees each request as it arrives, before it is handled, until removed', async () => {
    const seen: Array<{ method: string; verb: string; resource?: string; name?: string; status: number; stored: boolean }> = [];
    const off = server.onRequest((r) => {
      seen.push({ method: r.method, verb: r.verb, resource: r.resource, name: r.name, status: r.status, stored: server.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'hooked' }) !== undefined });
    });
    await call(server, 'POST', cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hooked' } });
    await call(server, 'GET', `${cms}/hooked`);
    off();
    await call(server, 'DELETE', `${cms}/hooked`);
    expect(seen).toEqual([
      { method: 'POST', verb: 'create', resource: 'configmaps', status: 0, stored: false },
      { method: 'GET', verb: 'get', resource: 'configmaps', name: 'hooked', status: 0, stored: true },
    ]);
  });
});

describe('TLS', () => {
  it('presents a certificate for 127.0.0.1 signed by the CA', async () => {
    const url = new URL(server.url);
    const socket = connect({ host: '127.0.0.1', port: Number(url.port), ca: server.caPem, servername: 'localhost' });
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', () => resolve());
      socket.once('error', reject);
    });
    expect(socket.authorized).toBe(true);
    expect(socket.getPeerCertificate().subjectaltname).toBe('IP Address:127.0.0.1, DNS:localhost');
    socket.destroy();
  });
});
