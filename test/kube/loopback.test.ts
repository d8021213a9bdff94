/**
 * The cluster port against the loopback Kubernetes API server (HTTPS, bearer token, real Status bodies):
 * pagination, server-side apply semantics, conflicts, watch re-list after expiry, injected faults, RBAC
 * denials, pod proxy and port-forward hooks, CRDs registered mid-run, and `sailctl version` end to end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient } from '../../src/kube/client.js';
import { KubeApiError } from '../../src/kube/errors.js';
import type { KubeClient, KubeObject, WatchEvent } from '../../src/kube/types.js';
import { startApiServer, type ApiServer } from '../support/apiserver/index.js';

let api: ApiServer;
let client: KubeClient;
const logLines: string[] = [];

beforeAll(async () => {
  api = await startApiServer();
  client = await createKubeClient({
    kubeconfig: api.kubeconfigPath,
    timeoutMs: 5_000,
    env: {},
    verbose: 6,
    log: (l) => logLines.push(l),
    retry: { attempts: 6, baseDelayMs: 2, maxDelayMs: 20 },
  });
});
afterAll(async () => {
  await api?.close();
});

const configMap = (name: string, data: Record<string, string> = {}, namespace = 'default'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data,
});

describe('lists', () => {
  it('follows continue over many objects, one request per page', async () => {
    api.seed(Array.from({ length: 1234 }, (_, i) => configMap(`page-${String(i).padStart(4, '0')}`, {}, 'kube-public')));
    api.clearRequests();
    const result = await client.list('v1', 'ConfigMap', { namespace: 'kube-public', pageSize: 100 });
    const names = result.items.map((o) => o.metadata.name).filter((n) => n?.startsWith('page-'));
    expect(names).toHaveLength(1234);
    expect(new Set(names).size).toBe(1234);
    expect(result.resourceVersion).toMatch(/^\d+$/);
    expect(api.requests.filter((r) => r.verb === 'list' && r.resource === 'configmaps')).toHaveLength(13);
  });
});

describe('server-side apply', () => {
  it('creates, updates, and leaves an unchanged object alone', async () => {
    const created = await client.apply(configMap('ssa', { a: '1' }));
    expect(created.metadata.resourceVersion).toBeDefined();
    const updated = await client.apply(configMap('ssa', { a: '2' }));
    expect((updated as unknown as { data: Record<string, string> }).data).toEqual({ a: '2' });
    expect(updated.metadata.resourceVersion).not.toBe(created.metadata.resourceVersion);
    const same = await client.apply(configMap('ssa', { a: '2' }));
    expect(same.metadata.resourceVersion).toBe(updated.metadata.resourceVersion);
    expect(same.metadata.managedFields?.some((f) => (f as { manager?: string }).manager === 'sailctl')).toBe(true);
  });

  it('a no-op apply a second later keeps the resourceVersion (the managedFields time is not bumped)', async () => {
    const first = await client.apply(configMap('ssa-later', { a: '1' }));
    await new Promise((r) => setTimeout(r, 1_100));
    const again = await client.apply(configMap('ssa-later', { a: '1' }));
    expect(again.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
  });

  it('dry run persists nothing', async () => {
    await client.apply(configMap('dry', { a: '1' }), { dryRun: true });
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'dry' })).toBeUndefined();
    expect(api.requests.some((r) => r.dryRun && r.name === 'dry')).toBe(true);
  });

  it('a field owned by another manager is a Conflict naming it; force takes it over', async () => {
    await client.apply(configMap('owned', { replicas: '1' }), { fieldManager: 'kubectl' });
    const err = await client.apply(configMap('owned', { replicas: '3' })).catch((e: Error) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    const conflict = err as KubeApiError;
    expect([conflict.status, conflict.reason, conflict.verb]).toEqual([409, 'Conflict', 'apply']);
    expect(conflict.message).toMatch(/^conflict on apply configmaps "owned" in namespace default: /);
    expect(conflict.details.join('\n')).toContain('kubectl');
    const forced = await client.apply(configMap('owned', { replicas: '3' }), { force: true });
    expect((forced as unknown as { data: Record<string, string> }).data.replicas).toBe('3');
  });

  it('create rejects an existing object with AlreadyExists; delete reports deleted then not-found', async () => {
    await client.create(configMap('made'));
    const again = (await client.create(configMap('made')).catch((e: Error) => e)) as KubeApiError;
    expect([again.status, again.reason, again.message]).toEqual([409, 'AlreadyExists', 'configmaps "made" in namespace default already exists']);
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'made' };
    expect(await client.delete(ref)).toBe('deleted');
    expect(await client.delete(ref)).toBe('not-found');
    expect(await client.get(ref)).toBeUndefined();
  });
});

describe('watch', () => {
  it('re-lists when the server says its version expired and reports what changed as synthetic events', async () => {
    const ns = 'watch-test';
    await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    for (const name of ['w-keep', 'w-change', 'w-gone']) await client.apply(configMap(name, { v: '1' }, ns));
    // Hold the first watch request while the namespace changes and the server forgets its history, so
    // the watch starts from an expired version: 410 Expired, then the re-list.
    const removeLatency = api.faults.add({ verb: 'watch', latencyMs: 400, times: 1 });
    api.clearRequests();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 5_000);
    const events: string[] = [];
    let changes: Promise<void> | undefined;
    try {
      await client.watch('v1', 'ConfigMap', { namespace: ns, signal: controller.signal }, (e: WatchEvent) => {
        events.push(`${e.type} ${e.object.metadata.name}`);
        if (events.length === 3) {
          changes = (async () => {
            await client.apply(configMap('w-change', { v: '2' }, ns));
            await client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'w-gone' });
            await client.apply(configMap('w-new', { v: '1' }, ns));
            api.expireWatchHistory();
          })();
        }
        if (e.type === 'DELETED') controller.abort();
      });
    } finally {
      clearTimeout(timer);
      removeLatency();
    }
    await changes;
    expect(events).toEqual(['ADDED w-change', 'ADDED w-gone', 'ADDED w-keep', 'MODIFIED w-change', 'ADDED w-new', 'DELETED w-gone']);
    const calls = api.requests.filter((r) => r.namespace === ns && (r.verb === 'list' || r.verb === 'watch')).map((r) => r.verb);
    expect(calls.slice(0, 3)).toEqual(['list', 'watch', 'list']);
  });
});

describe('faults', () => {
  it('10% 503, 429 and connection resets: reads and applies still succeed', async () => {
    api.seed(Array.from({ length: 300 }, (_, i) => configMap(`f-${i}`, {}, 'kube-system')));
    const removers = [
      api.faults.add({ fraction: 0.1, status: 503 }),
      api.faults.add({ fraction: 0.1, status: 429, retryAfterSeconds: 0 }),
      api.faults.add({ fraction: 0.1, reset: true }),
    ];
    try {
      const listed = await client.list('v1', 'ConfigMap', { namespace: 'kube-system', pageSize: 25 });
      expect(listed.items.filter((o) => o.metadata.name?.startsWith('f-'))).toHaveLength(300);
      for (let i = 0; i < 20; i++) await client.apply(configMap(`applied-${i}`, { i: String(i) }));
      for (let i = 0; i < 20; i++) expect((await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: `applied-${i}` }))?.metadata.name).toBe(`applied-${i}`);
    } finally {
      for (const remove of removers) remove();
    }
    expect(api.requests.some((r) => r.status === 503)).toBe(true);
  });
});

describe('RBAC', () => {
  it('403 names the verb and the resource; canI says no', async () => {
    const undo = api.deny('create', 'deployments', { group: 'apps', namespace: 'istio-system' });
    try {
      const deployment: KubeObject = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'istiod', namespace: 'istio-system' },
        spec: { selector: { matchLabels: { app: 'istiod' } }, template: { metadata: { labels: { app: 'istiod' } }, spec: { containers: [{ name: 'discovery', image: 'pilot' }] } } },
      };
      await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } });
      const err = (await client.create(deployment).catch((e: Error) => e)) as KubeApiError;
      expect(err).toBeInstanceOf(KubeApiError);
      expect(err.message).toBe(`forbidden: cannot create deployments.apps "istiod" in namespace istio-system (context "${client.contextName}")`);
      expect(err.exitCode).toBe(69);
      expect(await client.canI({ verb: 'create', group: 'apps', resource: 'deployments', namespace: 'istio-system' })).toMatchObject({ allowed: false });
      expect(await client.canI({ verb: 'list', group: 'apps', resource: 'deployments', namespace: 'istio-system' })).toMatchObject({ allowed: true });
    } finally {
      undo();
    }
  });
});

describe('discovery', () => {
  it('serves a custom resource whose CRD was created after the first lookup', async () => {
    expect(await client.resourceFor('example.sailctl.dev/v1', 'Widget')).toBeUndefined();
    await client.apply({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.sailctl.dev' },
      spec: {
        group: 'example.sailctl.dev',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    });
    await new Promise((r) => setTimeout(r, 100));
    expect((await client.resourceFor('example.sailctl.dev/v1', 'Widget'))?.resource).toBe('widgets');
    await client.apply({ apiVersion: 'example.sailctl.dev/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' }, spec: { size: 1 } });
    expect((await client.list('example.sailctl.dev/v1', 'Widget')).items.map((w) => w.metadata.name)).toEqual(['w']);
  });

  it('serverResources lists built-in kinds with their scope', async () => {
    const all = await client.serverResources();
    expect(all.find((r) => r.kind === 'Deployment' && r.group === 'apps')).toMatchObject({ resource: 'deployments', namespaced: true });
    expect(all.find((r) => r.kind === 'Namespace')).toMatchObject({ resource: 'namespaces', namespaced: false, group: '' });
  });
});

describe('pods', () => {
  it('podProxyGet/Post reach the pod hook; portForwardGet goes through the port-forward hook', async () => {
    api.seed([
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'istiod-x', namespace: 'default' }, spec: { containers: [{ name: 'discovery', image: 'pilot' }] } },
    ]);
    const unhookProxy = api.onPodProxy((req) => ({ status: 200, body: `${req.method} ${req.pod}:${req.port}${req.path}` }));
    const unhookForward = api.onPortForward((req) => {
      const body = `forwarded ${req.request.split('\r\n')[0]}`;
      return `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    });
    try {
      const target = { namespace: 'default', pod: 'istiod-x', port: 15014, path: '/debug/syncz' };
      expect(await client.podProxyGet(target)).toBe('GET istiod-x:15014/debug/syncz');
      expect(await client.podProxyPost({ ...target, port: 15000, path: '/logging?level=debug' })).toMatch(/^POST istiod-x:15000\/logging/);
      expect(await client.portForwardGet(target)).toBe('forwarded GET /debug/syncz HTTP/1.1');
    } finally {
      unhookProxy();
      unhookForward();
    }
  });
});

describe('no secrets', () => {
  it('the token appears in no log line', () => {
    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.join('\n')).not.toContain(api.token);
  });
});
