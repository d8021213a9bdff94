import { afterEach, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from './index.js';
import { call } from './test-client.js';

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const dep = (name: string, replicas: number, image = 'nginx:1') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
  },
});

const pods = (s: ApiServer, ns = 'default') => s.list('v1', 'Pod', ns);

describe('simulated controllers', () => {
  it('Deployment -> ReplicaSet -> Pods, ready after the delay, status follows', async () => {
    server = await startApiServer({ readyDelayMs: 150 });
    const s = server;
    await call(s, 'POST', '/apis/apps/v1/namespaces/default/deployments', dep('web', 2));
    await expect.poll(() => pods(s).length).toBe(2);
    const [rs] = s.list('apps/v1', 'ReplicaSet', 'default');
    const hash = rs?.metadata.labels?.['pod-template-hash'];
    expect(rs?.metadata.name).toBe(`web-${hash}`);
    expect(rs?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true });
    const p = pods(s)[0]!;
    expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[a-z0-9]{5}$`));
    expect(p.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: rs?.metadata.name });
    expect((p.status as any).phase).toBe('Pending');
    const early = s.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' }) as any;
    expect(early.status.readyReplicas ?? 0).toBe(0);

    await expect.poll(() => (s.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' }) as any)?.status?.readyReplicas, { timeout: 3000 }).toBe(2);
    const d = s.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' }) as any;
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 });
    expect(d.status.conditions.map((c: any) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
    expect(pods(s).every((x: any) => x.status.phase === 'Running' && x.status.podIP)).toBe(true);
  });

  it('rolls pods on a template change and cascades deletion', async () => {
    server = await startApiServer();
    const s = server;
    await call(s, 'POST', '/apis/apps/v1/namespaces/default/deployments', dep('roll', 1));
    await expect.poll(() => pods(s).filter((p: any) => p.status.phase === 'Running').length).toBe(1);
    const before = pods(s)[0]!.metadata.name;
    await call(s, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/roll', dep('roll', 1, 'nginx:2'), { 'Content-Type': 'application/merge-patch+json' });
    await expect.poll(() => pods(s).map((p: any) => p.spec.containers[0].image)).toEqual(['nginx:2']);
    expect(pods(s)[0]!.metadata.name).not.toBe(before);
    await expect.poll(() => (s.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'roll' }) as any).status.observedGeneration).toBe(2);
    await call(s, 'DELETE', '/apis/apps/v1/namespaces/default/deployments/roll');
    await expect.poll(() => pods(s).length + s.list('apps/v1', 'ReplicaSet').length).toBe(0);
  });

  it('DaemonSets get one pod per node, StatefulSets get ordinal names', async () => {
    server = await startApiServer();
    const s = server;
    s.seed([{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-b' } }]);
    const ds = { ...dep('agent', 0), kind: 'DaemonSet', spec: { selector: { matchLabels: { app: 'agent' } }, template: dep('agent', 0).spec.template } };
    await call(s, 'POST', '/apis/apps/v1/namespaces/default/daemonsets', ds);
    await expect.poll(() => pods(s).map((p: any) => p.spec.nodeName).sort()).toEqual(['loopback-node', 'node-b']);
    await expect.poll(() => (s.get({ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent' }) as any).status?.numberReady).toBe(2);
    await call(s, 'POST', '/apis/apps/v1/namespaces/default/statefulsets', { ...dep('db', 3), kind: 'StatefulSet' });
    await expect.poll(() => pods(s).map((p) => p.metadata.name).filter((n) => n?.startsWith('db-'))).toEqual(['db-0', 'db-1', 'db-2']);
    await expect.poll(() => (s.get({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' }) as any).status?.readyReplicas).toBe(3);
  });

  it('keepUnready holds one pod waiting with a reason and a Warning Event; releasing it makes it ready', async () => {
    server = await startApiServer();
    const s = server;
    const release = s.keepUnready('default', 'stuck', 'ImagePullBackOff');
    await call(s, 'POST', '/apis/apps/v1/namespaces/default/deployments', dep('stuck', 2));
    await expect.poll(() => (s.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'stuck' }) as any)?.status?.readyReplicas).toBe(1);
    const waiting = pods(s).filter((p: any) => p.status.containerStatuses[0].state.waiting);
    expect(waiting).toHaveLength(1);
    expect((waiting[0] as any).status.containerStatuses[0].state.waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:1"' });
    const events = s.list('v1', 'Event', 'default');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'Warning', reason: 'Failed', involvedObject: { kind: 'Pod', name: waiting[0]!.metadata.name } });
    const d = s.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'stuck' }) as any;
    expect(d.status.conditions[0]).toMatchObject({ type: 'Available', status: 'False' });
    release();
    await expect.poll(() => (s.get({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'stuck' }) as any).status.readyReplicas).toBe(2);
  });
});

describe('seeded objects', () => {
  it('are stored as given: no pods for seeded workloads, seeded pods keep their status', async () => {
    server = await startApiServer({
      seed: [
        { ...dep('seeded', 2), metadata: { name: 'seeded', namespace: 'default' } },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'i' }] }, status: { phase: 'Running', podIP: '10.1.2.3' } },
      ],
    });
    const s = server;
    await new Promise((r) => setTimeout(r, 50));
    expect(pods(s).map((p) => [p.metadata.name, (p.status as any).podIP])).toEqual([['p', '10.1.2.3']]);
    expect(s.list('apps/v1', 'ReplicaSet')).toEqual([]);
  });

  it('custom resources seeded before their CRD are listed, and served once the CRD exists', async () => {
    server = await startApiServer({
      seed: [{ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'r', namespace: 'default' }, spec: { host: 'r' } }],
    });
    const s = server;
    expect(s.list('networking.istio.io/v1', 'DestinationRule').map((o) => o.metadata.name)).toEqual(['r']);
    expect((await call(s, 'GET', '/apis/networking.istio.io/v1/namespaces/default/destinationrules')).status).toBe(404);
    await call(s, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'destinationrules.networking.istio.io' },
      spec: {
        group: 'networking.istio.io',
        scope: 'Namespaced',
        names: { kind: 'DestinationRule', plural: 'destinationrules', singular: 'destinationrule' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    });
    await expect.poll(async () => (await call(s, 'GET', '/apis/networking.istio.io/v1/namespaces/default/destinationrules')).body?.items?.length).toBe(1);
  });
});
