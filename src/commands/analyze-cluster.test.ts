/** Cluster collection for `analyze --use-kube` against a fake cluster port (the loopback server tests the real one). */
import { describe, expect, it } from 'vitest';
import { K } from '../analyze/kinds.js';
import { ClusterError } from '../errors.js';
import { KubeApiError } from '../kube/errors.js';
import type { KubeClient, KubeObject, ListOptions } from '../kube/types.js';
import { collectClusterState } from './analyze-cluster.js';

function fakeKube(objects: KubeObject[], options: { notServed?: string[]; delayMs?: number } = {}) {
  const listed: string[] = [];
  const kube = {
    contextName: 'fake',
    server: 'https://fake',
    namespace: 'team-a',
    resourceFor: async (_apiVersion: string, kind: string) =>
      options.notServed?.includes(kind) ? undefined : { group: '', version: 'v1', kind, resource: kind.toLowerCase(), namespaced: true, verbs: ['list'] },
    list: async (apiVersion: string, kind: string, _o?: ListOptions) => {
      listed.push(`${apiVersion} ${kind}`);
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      return { items: objects.filter((o) => o.kind === kind).map(({ apiVersion: _a, kind: _k, ...rest }) => rest as KubeObject), resourceVersion: '1' };
    },
    get: async (ref: { kind: string; name: string; namespace?: string }) =>
      objects.find((o) => o.kind === ref.kind && o.metadata.name === ref.name && o.metadata.namespace === ref.namespace),
  } as unknown as KubeClient;
  return { kube, listed };
}

const objects: KubeObject[] = [
  { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'vs', namespace: 'a' } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: 'a' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: 'istio-system' }, data: { mesh: 'rootNamespace: istio-system' } },
];

describe('collectClusterState', () => {
  it('lists only the kinds asked for, fills in apiVersion/kind of list items, and fetches the mesh ConfigMap', async () => {
    const { kube, listed } = fakeKube(objects);
    const state = await collectClusterState(kube, [K.VirtualService, K.Service], { timeoutMs: 1000, istioNamespace: 'istio-system', revision: '' });
    expect(listed.sort()).toEqual(['networking.istio.io/v1 VirtualService', 'v1 Service']);
    expect(state.objects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.name}`)).toEqual([
      'networking.istio.io/v1 VirtualService vs',
      'v1 Service svc',
      'v1 ConfigMap istio',
    ]);
    expect(state.namespace).toBe('team-a');
  });

  it('skips kinds the server does not serve (CRDs not installed)', async () => {
    const { kube, listed } = fakeKube(objects, { notServed: ['VirtualService'] });
    const state = await collectClusterState(kube, [K.VirtualService, K.Service], { timeoutMs: 1000, istioNamespace: 'istio-system', revision: '' });
    expect(state.notServed).toEqual([K.VirtualService]);
    expect(listed).toEqual(['v1 Service']);
  });

  it('goes on without kinds it may not list (403), and says which', async () => {
    const { kube } = fakeKube(objects);
    const denied = {
      ...kube,
      list: async (apiVersion: string, kind: string) => {
        if (kind === 'Secret') throw new KubeApiError({ status: 403, reason: 'Forbidden', verb: 'list', target: 'secrets', message: 'secrets is forbidden' });
        return kube.list(apiVersion, kind);
      },
    } as KubeClient;
    const state = await collectClusterState(denied, [K.Secret, K.Service], { timeoutMs: 1000, istioNamespace: 'istio-system', revision: '' });
    expect(state.forbidden).toEqual([K.Secret]);
    expect(state.objects.map((o) => o.kind)).toEqual(['Service', 'ConfigMap']);
  });

  it('gives up with a ClusterError (exit 69) after --timeout', async () => {
    const { kube } = fakeKube(objects, { delayMs: 200 });
    await expect(collectClusterState(kube, [K.Service], { timeoutMs: 20, istioNamespace: 'istio-system', revision: '' })).rejects.toBeInstanceOf(ClusterError);
  });

  // Concurrency, not speed (speed is bench/analyze.bench.ts): every list is held until all of them are in
  // flight at once. Listing one kind after another never gets there and runs into --timeout.
  it('lists kinds concurrently: all eight lists in flight at once', async () => {
    const { kube } = fakeKube(objects);
    const kinds = [K.Service, K.Pod, K.Namespace, K.Deployment, K.VirtualService, K.Gateway, K.DestinationRule, K.Sidecar];
    let inFlight = 0;
    let maxInFlight = 0;
    let release!: () => void;
    const allStarted = new Promise<void>((r) => (release = r));
    const held = {
      ...kube,
      list: async (apiVersion: string, kind: string) => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        if (inFlight === kinds.length) release();
        await allStarted;
        inFlight--;
        return kube.list(apiVersion, kind);
      },
    } as KubeClient;
    const state = await collectClusterState(held, kinds, { timeoutMs: 5000, istioNamespace: 'istio-system', revision: '' });
    expect(maxInFlight).toBe(kinds.length);
    expect(state.objects.map((o) => o.kind)).toEqual(['Service', 'VirtualService', 'ConfigMap']);
  });
});
