/**
 * `analyze --use-kube` through the real cluster port against a stand-in cluster (test/support/fake-cluster.ts):
 * cluster state, file objects overriding cluster objects, namespace scoping, listing only the needed kinds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCluster, type FakeObject } from '../support/fake-cluster.js';
import { runSailctl } from '../support/cli.js';

const vs = (name: string, ns: string, gateways: string[]): FakeObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, namespace: ns },
  spec: { hosts: ['shop.example.com'], gateways },
});

const objects: FakeObject[] = [
  vs('broken', 'team-a', ['missing-gw']),
  vs('elsewhere', 'team-b', ['also-missing']),
  vs('fine', 'team-a', ['web']),
  { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'web', namespace: 'team-a' }, spec: { servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls', namespace: 'team-a' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'c2VjcmV0LWNlcnQtZGF0YQ==' } },
];

let cluster: Awaited<ReturnType<typeof startFakeCluster>>;
beforeAll(async () => {
  cluster = await startFakeCluster(objects);
});
afterAll(async () => {
  await cluster.close();
});

const analyze = (args: string[], stdin?: string) =>
  runSailctl(['-c', cluster.kubeconfigPath, 'analyze', '--analyzer', 'virtualservice.GatewayAnalyzer', '-o', 'json', ...args], { stdin });

describe('analyze --use-kube', () => {
  it('analyzes the cluster state of the context namespace by default', async () => {
    const r = await analyze([]);
    expect(r.exitCode, r.stderr).toBe(79);
    expect((JSON.parse(r.stdout) as Array<{ origin: string; file?: string }>).map((d) => [d.origin, d.file])).toEqual([['VirtualService team-a/broken', undefined]]);
  });

  it('-A covers every namespace', async () => {
    const r = await analyze(['-A']);
    expect((JSON.parse(r.stdout) as Array<{ origin: string }>).map((d) => d.origin)).toEqual(['VirtualService team-a/broken', 'VirtualService team-b/elsewhere']);
  });

  it('a file object replaces the cluster object of the same key; its findings carry file positions', async () => {
    const fixed = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: broken, namespace: team-a}\nspec: {hosts: [shop.example.com], gateways: [web]}\n';
    const r = await analyze(['-'], fixed);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('No validation issues found when analyzing namespace: team-a');
    const broken = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: fine}\nspec: {hosts: [shop.example.com], gateways: [nope]}\n';
    const r2 = await analyze(['-'], broken);
    const found = JSON.parse(r2.stdout) as Array<{ origin: string; file?: string; line?: number }>;
    // File findings first (by position), then cluster ones.
    expect(found.map((d) => [d.origin, d.file, d.line])).toEqual([
      ['VirtualService team-a/fine', '-', 4],
      ['VirtualService team-a/broken', undefined, undefined],
    ]);
  });

  it('lists only the kinds the selected analyzers read', async () => {
    cluster.listed.length = 0;
    await analyze(['-A']);
    expect([...new Set(cluster.listed)].sort()).toEqual(['gateway.networking.k8s.io/v1 Gateway', 'networking.istio.io/v1 Gateway', 'networking.istio.io/v1 VirtualService']);
  });

  it('runs every analyzer against the cluster without printing Secret data', async () => {
    const r = await runSailctl(['-c', cluster.kubeconfigPath, 'analyze', '-A', '-o', 'yaml']);
    expect([0, 79]).toContain(r.exitCode);
    expect(r.stdout + r.stderr).not.toContain('c2VjcmV0');
  });
});
