/** sailctl's own cluster port (src/kube) against the loopback server: the pairing the integration tests rely on. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient } from '../../../src/kube/client.js';
import { startApiServer, type ApiServer } from './index.js';

let server: ApiServer;
let kube: Awaited<ReturnType<typeof createKubeClient>>;
beforeAll(async () => {
  server = await startApiServer({ seed: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'istiod-1', namespace: 'default' }, spec: { containers: [{ name: 'd', image: 'i', ports: [{ containerPort: 15014 }] }] } }] });
  kube = await createKubeClient({ kubeconfig: server.kubeconfigPath, env: {}, timeoutMs: 10_000 });
});
afterAll(async () => {
  kube.close();
  await server.close();
});

describe('src/kube client against the loopback server', () => {
  it('reads version and discovery, applies, lists, deletes', async () => {
    expect((await kube.serverVersion()).gitVersion).toBe('v1.32.3');
    expect(await kube.resourceFor('apps/v1', 'Deployment')).toMatchObject({ resource: 'deployments', namespaced: true });
    const applied = await kube.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: '1' } });
    expect(applied.metadata.managedFields).toBeDefined();
    const list = await kube.list('v1', 'ConfigMap', { namespace: 'default' });
    expect(list.items.map((o) => o.metadata.name)).toEqual(['c']);
    expect(await kube.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'c' })).toBe('deleted');
    expect(await kube.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'c' })).toBeUndefined();
  });

  it('reaches pods through pods/proxy and port-forward', async () => {
    server.onPodProxy((r) => ({ status: 200, body: `proxy ${r.port}${r.path}` }));
    expect(await kube.podProxyGet({ namespace: 'default', pod: 'istiod-1', port: 15014, path: '/debug/syncz' })).toBe('proxy 15014/debug/syncz');
    server.onPortForward((r) => `HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n${r.port === 15014 ? 'ok' : 'no'}`);
    expect(await kube.portForwardGet({ namespace: 'default', pod: 'istiod-1', port: 15014, path: '/debug/syncz' })).toBe('ok');
  });

  it('asks access reviews', async () => {
    server.deny('create', 'deployments', { group: 'apps' });
    expect((await kube.canI({ verb: 'create', group: 'apps', resource: 'deployments', namespace: 'x' })).allowed).toBe(false);
    expect((await kube.canI({ verb: 'get', resource: 'pods', namespace: 'x' })).allowed).toBe(true);
  });
});
