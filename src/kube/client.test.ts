/**
 * The cluster port against a tiny scripted server: retries and backoff, Retry-After, resets, timeouts,
 * cancellation, error mapping, redaction, request logging, pagination, discovery refresh.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { InterruptedError } from '../errors.js';
import { json, startTinyServer, status, type TinyHandler, type TinyServer } from '../../test/support/tiny-server.js';
import { createKubeClient } from './client.js';
import { KubeApiError, KubeUnreachableError } from './errors.js';
import type { KubeClientOptions } from './types.js';

let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(handler: TinyHandler, options: Partial<KubeClientOptions> = {}) {
  server = await startTinyServer(handler);
  const lines: string[] = [];
  const client = await createKubeClient(
    {
      kubeconfig: server.kubeconfigPath,
      timeoutMs: 2_000,
      env: {},
      retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 50 },
      verbose: 6,
      log: (l) => lines.push(l),
      ...options,
    },
    { random: () => 0.5 },
  );
  return { client, lines, server };
}

const cm = (name: string, rv = '1') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'team-a', resourceVersion: rv } });

async function caught(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('retries', () => {
  it('retries 503, 429, 500, 502, 504 on GET and succeeds', async () => {
    const codes = [503, 429, 500, 502, 504];
    let n = 0;
    const { client, server } = await clientFor((req, res) => {
      if (req.url.startsWith('/api/v1/namespaces/team-a/configmaps/x')) {
        const code = codes[n++];
        if (code) return status(res, code, 'ServiceUnavailable', 'try later');
        return json(res, cm('x'));
      }
    }, { retry: { attempts: 6, baseDelayMs: 1, maxDelayMs: 5 } });
    const got = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'x' });
    expect(got?.metadata.name).toBe('x');
    expect(server.calls()).toHaveLength(6);
  });

  it('gives up after the configured attempts with a KubeApiError carrying the last status', async () => {
    const { client, server } = await clientFor((req, res) => {
      if (req.url.includes('/configmaps')) return status(res, 503, 'ServiceUnavailable', 'etcd is down');
    });
    const err = await caught(client.list('v1', 'ConfigMap', { namespace: 'team-a' }));
    expect(err).toBeInstanceOf(KubeApiError);
    expect((err as KubeApiError).status).toBe(503);
    expect(err.message).toBe(`the Kubernetes API server at ${server.url} failed to list configmaps in namespace team-a (503 ServiceUnavailable): etcd is down`);
    expect(server.calls()).toHaveLength(4);
  });

  it('honours Retry-After (seconds) as the minimum wait', async () => {
    let n = 0;
    const { client } = await clientFor(
      (req, res) => {
        if (req.url.includes('/configmaps/x')) {
          if (n++ === 0) return status(res, 429, 'TooManyRequests', 'slow down', { 'Retry-After': '1' });
          return json(res, cm('x'));
        }
      },
      { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 3_000 } },
    );
    const started = Date.now();
    await client.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'x' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries a connection reset on GET and on server-side apply', async () => {
    let gets = 0;
    let patches = 0;
    const { client } = await clientFor((req, res) => {
      if (req.method === 'GET' && req.url.includes('/configmaps/x') && gets++ === 0) return void res.socket?.destroy();
      if (req.method === 'GET' && req.url.includes('/configmaps/x')) return json(res, cm('x'));
      if (req.method === 'PATCH' && patches++ === 0) return void res.socket?.destroy();
      if (req.method === 'PATCH') return json(res, cm('x', '2'));
    });
    expect((await client.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'x' }))?.metadata.name).toBe('x');
    expect((await client.apply(cm('x'))).metadata.resourceVersion).toBe('2');
    expect([gets, patches]).toEqual([2, 2]);
  });

  it('does not repeat a create that got an answer (503), but does when the connection failed before one', async () => {
    let posts = 0;
    const { client } = await clientFor((req, res) => {
      if (req.method !== 'POST') return;
      posts++;
      if (req.url.includes('fail')) return status(res, 503, 'ServiceUnavailable', 'no');
      if (posts === 1) return void res.socket?.destroy();
      return json(res, cm('y'), 201);
    });
    expect((await client.create(cm('y'))).metadata.name).toBe('y');
    expect(posts).toBe(2);
    posts = 0;
    const err = await caught(client.create({ ...cm('z'), metadata: { name: 'z', namespace: 'fail' } }));
    expect((err as KubeApiError).status).toBe(503);
    expect(posts).toBe(1);
  });
});

describe('unreachable servers, timeouts, cancellation', () => {
  it('connection refused names the server and the context, and is not retried before any contact', async () => {
    const { client, server, lines } = await clientFor(() => {});
    const url = server.url;
    await server.close();
    const err = await caught(client.list('v1', 'ConfigMap'));
    expect(err).toBeInstanceOf(KubeUnreachableError);
    expect(err.message).toBe(`cannot reach the Kubernetes API server at ${url} (context "tiny-context"): connection refused`);
    expect((err as KubeUnreachableError).exitCode).toBe(69);
    expect(lines.filter((l) => l.startsWith('retrying'))).toEqual([]);
  });

  it('a refused connection after the server was reached once is retried (a restart)', async () => {
    const { client, server, lines } = await clientFor(() => {});
    await client.resourceFor('v1', 'ConfigMap');
    await server.close();
    const err = await caught(client.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'x' }));
    expect(err).toBeInstanceOf(KubeUnreachableError);
    expect(err.message).toContain('connection refused');
    expect(lines.filter((l) => l.startsWith('retrying GET /api/v1/namespaces/team-a/configmaps/x'))).toHaveLength(3);
  });

  it('the per-request timeout ends a slow request with a clear message, without retrying', async () => {
    const { client, server } = await clientFor(async (req, res) => {
      if (req.url.includes('/configmaps')) {
        await new Promise((r) => setTimeout(r, 1_500));
        return json(res, { items: [] });
      }
    }, { timeoutMs: 300 });
    const err = await caught(client.list('v1', 'ConfigMap'));
    expect(err).toBeInstanceOf(KubeUnreachableError);
    expect(err.message).toBe(`cannot reach the Kubernetes API server at ${server.url} (context "tiny-context"): no answer within 300ms (raise --kubeclient-timeout if the cluster is slow)`);
    expect(server.calls()).toHaveLength(1);
  });

  it('the client signal aborts a request in flight', async () => {
    const controller = new AbortController();
    let answered = false;
    const { client } = await clientFor(async (req, res) => {
      if (req.url.includes('/configmaps')) {
        await new Promise((r) => setTimeout(r, 1_500));
        answered = true;
        return json(res, { items: [] });
      }
    }, { signal: controller.signal });
    const pending = caught(client.list('v1', 'ConfigMap'));
    setTimeout(() => controller.abort(), 100);
    expect(await pending).toBeInstanceOf(InterruptedError);
    // The abort ended the request, not the server's (late) answer.
    expect(answered).toBe(false);
  });
});

describe('error mapping', () => {
  it('403 names the verb and the resource; 401 says the credentials were rejected', async () => {
    const { client, server } = await clientFor((req, res) => {
      if (req.method === 'POST')
        return status(res, 403, 'Forbidden', 'deployments.apps is forbidden: User "dev" cannot create resource "deployments" in API group "apps" in the namespace "istio-system"');
      if (req.url.includes('/pods')) return status(res, 401, 'Unauthorized', 'Unauthorized');
    });
    const err = (await caught(
      client.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'istiod', namespace: 'istio-system' } }),
    )) as KubeApiError;
    expect(err.message).toBe('forbidden: cannot create deployments.apps "istiod" in namespace istio-system (context "tiny-context")');
    expect(err.reason).toBe('Forbidden');
    expect(err.verb).toBe('create');
    expect(err.target).toBe('deployments.apps "istiod" in namespace istio-system');
    expect(err.details[0]).toContain('User "dev" cannot create');
    const unauthorized = (await caught(client.list('v1', 'Pod'))) as KubeApiError;
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.message).toBe(
      `the Kubernetes API server at ${server.url} rejected the credentials of context "tiny-context" (401 Unauthorized): log in again or refresh the token in your kubeconfig`,
    );
  });

  it('get 404 -> undefined, delete 404 -> not-found, create 409 -> AlreadyExists, unknown kind -> NotFound', async () => {
    const { client } = await clientFor((req, res) => {
      if (req.method === 'GET' && req.url.includes('/configmaps/')) return status(res, 404, 'NotFound', 'configmaps "x" not found');
      if (req.method === 'DELETE') return status(res, 404, 'NotFound', 'configmaps "x" not found');
      if (req.method === 'POST') return status(res, 409, 'AlreadyExists', 'configmaps "x" already exists');
    });
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'x' })).toBeUndefined();
    expect(await client.delete({ apiVersion: 'v1', kind: 'ConfigMap', name: 'x' })).toBe('not-found');
    const exists = (await caught(client.create(cm('x')))) as KubeApiError;
    expect([exists.reason, exists.message]).toEqual(['AlreadyExists', 'configmaps "x" in namespace team-a already exists']);
    const unknown = (await caught(client.list('networking.istio.io/v1', 'VirtualService'))) as KubeApiError;
    expect(unknown.reason).toBe('NotFound');
    expect(unknown.message).toContain('does not serve VirtualService (networking.istio.io/v1): is its CustomResourceDefinition installed?');
  });

  it('never puts the token into messages, details, causes or log lines', async () => {
    const { client, server, lines } = await clientFor((req, res) => {
      if (req.url.includes('/configmaps')) return void res.socket?.destroy();
      if (req.url.includes('/pods')) return status(res, 403, 'Forbidden', 'no');
    });
    const errors = [await caught(client.list('v1', 'ConfigMap')), await caught(client.list('v1', 'Pod'))];
    const everything = JSON.stringify(
      errors.map((e) => ({ m: e.message, d: (e as KubeApiError).details, c: String((e as { cause?: unknown }).cause), cs: (e as { cause?: Error }).cause?.stack, s: e.stack })),
    ) + lines.join('\n');
    expect(everything).not.toContain(server.token);
    expect(everything).not.toMatch(/authorization/i);
  });
});

describe('requests', () => {
  it('logs one line per request at verbose 6, sends a User-Agent, and nothing below 6', async () => {
    const { client, lines, server } = await clientFor((req, res) => {
      if (req.url.includes('/configmaps')) return json(res, { metadata: { resourceVersion: '7' }, items: [] });
    });
    await client.list('v1', 'ConfigMap', { namespace: 'team-a' });
    expect(lines.map((l) => l.replace(/\d+ms$/, 'Nms'))).toEqual(['GET /api/v1 200 Nms', 'GET /api/v1/namespaces/team-a/configmaps?limit=500 200 Nms']);
    expect(server.requests[0]?.headers['user-agent']).toMatch(/^sailctl\//);
    const quiet: string[] = [];
    const c2 = await createKubeClient({ kubeconfig: server.kubeconfigPath, timeoutMs: 1_000, env: {}, verbose: 5, log: (l) => quiet.push(l) });
    await c2.list('v1', 'ConfigMap');
    expect(quiet).toEqual([]);
  });

  it('lists every page following continue, and restarts once when the token expired (410)', async () => {
    let expired = false;
    const all = Array.from({ length: 7 }, (_, i) => cm(`c${i}`));
    const { client, server } = await clientFor((req, res) => {
      if (!req.url.startsWith('/api/v1/configmaps')) return;
      const q = new URL(req.url, 'http://x').searchParams;
      const limit = Number(q.get('limit'));
      const from = Number(q.get('continue') ?? 0);
      if (from === 3 && !expired) {
        expired = true;
        return status(res, 410, 'Expired', 'The provided continue parameter is too old');
      }
      const next = from + limit < all.length ? String(from + limit) : undefined;
      return json(res, { metadata: { resourceVersion: '99', ...(next ? { continue: next } : {}) }, items: all.slice(from, from + limit) });
    });
    const result = await client.list('v1', 'ConfigMap', { pageSize: 3 });
    expect(result.items.map((i) => i.metadata.name)).toEqual(all.map((c) => c.metadata.name));
    expect(result.items.every((i) => i.kind === 'ConfigMap' && i.apiVersion === 'v1')).toBe(true);
    expect(result.resourceVersion).toBe('99');
    expect(server.calls().map((r) => new URL(r.url, 'http://x').searchParams.get('continue'))).toEqual([null, '3', null, '3', '6']);
  });

  it('server-side apply sends apply-patch+yaml with fieldManager, force and dryRun', async () => {
    const { client, server } = await clientFor((req, res) => {
      if (req.method === 'PATCH') return json(res, JSON.parse(req.body));
    });
    await client.apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } }, { force: true, dryRun: true });
    await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } }, { fieldManager: 'other' });
    const [first, second] = server.calls();
    expect(first?.url).toBe('/apis/apps/v1/namespaces/team-a/deployments/d?fieldManager=sailctl&force=true&dryRun=All');
    expect(first?.headers['content-type']).toBe('application/apply-patch+yaml');
    expect(second?.url).toBe('/api/v1/namespaces/istio-system?fieldManager=other');
  });

  it('finds kinds registered after the client was created by refreshing discovery once', async () => {
    let crdInstalled = false;
    const { client, server } = await clientFor((req, res) => {
      if (req.url === '/apis/networking.istio.io/v1') {
        if (!crdInstalled) return status(res, 404, 'NotFound', 'not found');
        return json(res, { kind: 'APIResourceList', groupVersion: 'networking.istio.io/v1', resources: [{ name: 'gateways', namespaced: true, kind: 'Gateway', verbs: ['list'] }] });
      }
    });
    expect(await client.resourceFor('networking.istio.io/v1', 'Gateway')).toBeUndefined();
    // A miss in an answer fetched for this very lookup is final: one request, no refresh loop.
    expect(server.requests.filter((r) => r.url === '/apis/networking.istio.io/v1')).toHaveLength(1);
    crdInstalled = true;
    expect((await client.resourceFor('networking.istio.io/v1', 'Gateway'))?.resource).toBe('gateways');
    // Found kinds are cached: no more discovery requests.
    const before = server.requests.length;
    await client.resourceFor('networking.istio.io/v1', 'Gateway');
    expect(server.requests.length).toBe(before);
  });

  it('serverResources walks /api and /apis; pod proxy and canI use their paths', async () => {
    const { client, server } = await clientFor((req, res) => {
      if (req.url.includes('/proxy/')) return void res.end(`proxied ${req.method} ${req.url}`);
      if (req.url.includes('selfsubjectaccessreviews')) {
        const body = JSON.parse(req.body);
        return json(res, { ...body, status: { allowed: body.spec.resourceAttributes.verb === 'get' } }, 201);
      }
    });
    expect((await client.serverResources()).map((r) => `${r.group}/${r.resource}`).sort()).toEqual(['/configmaps', '/namespaces', '/pods', 'apps/deployments']);
    expect(await client.podProxyGet({ namespace: 'istio-system', pod: 'istiod-1', port: 15014, path: '/debug/syncz' })).toBe(
      'proxied GET /api/v1/namespaces/istio-system/pods/istiod-1:15014/proxy/debug/syncz',
    );
    expect(await client.podProxyPost({ namespace: 'ns', pod: 'p', port: 15000, path: '/logging?level=debug' })).toBe('proxied POST /api/v1/namespaces/ns/pods/p:15000/proxy/logging?level=debug');
    expect(await client.canI({ verb: 'get', resource: 'pods', namespace: 'x' })).toEqual({ allowed: true });
    expect(await client.canI({ verb: 'create', resource: 'deployments', group: 'apps' })).toEqual({ allowed: false });
    expect(server.calls().filter((r) => r.url.includes('selfsubject'))).toHaveLength(2);
  });
});

describe('a server that accepts and then drops connections', () => {
  it('reports the reset after retrying', async () => {
    const sockets = createServer((s) => s.destroy());
    await new Promise<void>((r) => sockets.listen(0, '127.0.0.1', r));
    const port = (sockets.address() as { port: number }).port;
    server = await startTinyServer(() => {});
    const { writeFileSync, readFileSync } = await import('node:fs');
    writeFileSync(server.kubeconfigPath, readFileSync(server.kubeconfigPath, 'utf8').replace(server.url, `http://127.0.0.1:${port}`));
    const client = await createKubeClient({ kubeconfig: server.kubeconfigPath, timeoutMs: 1_000, env: {}, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    const err = await caught(client.list('v1', 'Pod'));
    sockets.close();
    expect(err).toBeInstanceOf(KubeUnreachableError);
    expect(err.message).toMatch(/^cannot reach the Kubernetes API server at http:\/\/127\.0\.0\.1:\d+ \(context "tiny-context"\): (connection reset by the server|socket hang up)/);
  });
});

describe('credentials from the kubeconfig', () => {
  it('runs an exec credential plugin and sends its token; a failing plugin is a KubeConfigError without its output', async () => {
    const { mkdtempSync, writeFileSync, chmodSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    server = await startTinyServer((req, res) => {
      if (req.url === '/version') return json(res, { major: '1', minor: '32', gitVersion: 'v1.32.3' });
    });
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-exec-'));
    const plugin = join(dir, 'plugin.sh');
    writeFileSync(
      plugin,
      `#!/bin/sh\nif [ "$1" = fail ]; then echo "leaked ${server.token}" >&2; exit 3; fi\n` +
        `echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"${server.token}"}}'\n`,
    );
    chmodSync(plugin, 0o755);
    const kubeconfig = (args: string) => {
      const path = join(dir, `kc-${args || 'ok'}`);
      writeFileSync(
        path,
        `clusters:\n- name: c\n  cluster: {server: '${server?.url}'}\n` +
          `users:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ${plugin}\n      args: [${args}]\n      interactiveMode: Never\n` +
          'contexts:\n- name: exec\n  context: {cluster: c, user: u}\ncurrent-context: exec\n',
      );
      return path;
    };
    const ok = await createKubeClient({ kubeconfig: kubeconfig(''), timeoutMs: 5_000, env: {} });
    expect((await ok.serverVersion()).gitVersion).toBe('v1.32.3');
    const failing = await createKubeClient({ kubeconfig: kubeconfig('fail'), timeoutMs: 5_000, env: {} });
    const err = await caught(failing.serverVersion());
    expect(err.constructor.name).toBe('KubeConfigError');
    expect(err.message).toBe('cannot prepare credentials for context "exec": check the user entry in your kubeconfig');
    expect((err as KubeUnreachableError).details).toEqual([`The credential plugin ${plugin} failed; run it yourself to see why.`]);
    expect(JSON.stringify({ m: err.message, c: String((err as { cause?: unknown }).cause), s: err.stack })).not.toContain(server.token);
  });
});
