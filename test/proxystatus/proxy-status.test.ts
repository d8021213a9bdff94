/**
 * `sailctl proxy-status` against the API server with the Istio simulation: states, merge across replicas,
 * filters, no istiod, RBAC 403 on pods/proxy, the port-forward fallback, malformed syncz, one proxy.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runSailctl } from '../support/cli.js';
import { startSimCluster, type SimCluster } from '../support/istio-sim/cluster.js';
import { istiodPod, manyProxies, shopFixture } from '../support/istio-sim/fixtures.js';
import { expectGolden } from './golden.js';

const REVIEWS_V1 = 'reviews-v1-5c8d7f9b6-fghij.shop';
const FIXED_NOW = Date.parse('2026-06-01T12:00:00Z');

describe('proxy-status with three istiod replicas', () => {
  let c: SimCluster;
  beforeAll(async () => {
    c = await startSimCluster([...shopFixture(), istiodPod('istiod-5d7c9-aaaaa'), istiodPod('istiod-5d7c9-bbbbb'), istiodPod('istiod-5d7c9-ccccc')], {
      states: { [REVIEWS_V1]: { RDS: 'STALE', EDS: 'NOT_SENT' }, 'ratings-v1-8b6d5c4f7-pqrst.shop': { LDS: 'ERROR' } },
      pushedAgoMs: 65_000,
    });
  });
  afterAll(() => c.close());
  afterEach(() => c.server.clearRequests());
  const ps = (...argv: string[]) => runSailctl([...c.kubeconfigArgs, ...argv]);

  it('prints one row per proxy, sorted by id, merged across the replicas', async () => {
    const r = await ps('proxy-status');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expectGolden('proxy-status.txt', r.stdout);
    // Every replica was asked once: proxies are spread over all three.
    const istiods = new Set(r.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s{3,}/)[2]));
    expect(istiods.size).toBeGreaterThan(1);
  });

  it('-v 1 shows a column per type with the states and ages (alias ps)', async () => {
    const r = await ps('ps', '-v', '1');
    expect(r.exitCode).toBe(0);
    expectGolden('proxy-status-verbose.txt', r.stdout);
    const reviews = r.stdout.split('\n').find((l) => l.startsWith(REVIEWS_V1)) ?? '';
    expect(reviews).toMatch(/SYNCED \(1m5s\)\s+SYNCED \(1m5s\)\s+NOT SENT\s+STALE \(1m5s\)\s+SYNCED \(1m5s\)/);
    expect(r.stdout).toMatch(/ratings-v1-8b6d5c4f7-pqrst\.shop\s+Kubernetes\s+SYNCED \(1m5s\)\s+ERROR \(1m5s\)/);
  });

  it('-n filters by the proxy namespace; -r selects istiod pods by revision', async () => {
    const none = await ps('proxy-status', '-n', 'other');
    expect(none.exitCode).toBe(0);
    expect(none.stdout.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toMatch(/No proxies are connected to istiod in namespace other/);
    const canary = await ps('proxy-status', '-r', 'canary');
    expect(canary.exitCode).toBe(69);
    expect(canary.stderr).toMatch(/no istiod pod found in namespace istio-system \(label selector app=istiod,istio.io\/rev=canary\)/);
    const byLabel = await ps('proxy-status', '--xds-label', 'istio=pilot', '-n', 'shop');
    expect(byLabel.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('makes one pod list and one syncz request per replica', async () => {
    c.server.clearRequests();
    await ps('proxy-status');
    const data = c.server.requests.filter((q) => !/^\/(api|apis)(\/[^/]+){0,2}$/.test(q.path) || q.path.includes('/namespaces/'));
    expect(data.map((q) => q.path.replace(/istiod-5d7c9-\w+/, 'istiod-*')).sort()).toEqual([
      '/api/v1/namespaces/istio-system/pods',
      '/api/v1/namespaces/istio-system/pods/istiod-*:15014/proxy/debug/syncz',
      '/api/v1/namespaces/istio-system/pods/istiod-*:15014/proxy/debug/syncz',
      '/api/v1/namespaces/istio-system/pods/istiod-*:15014/proxy/debug/syncz',
    ]);
  });

  it('with one proxy compares istiod\'s config with Envoy\'s', async () => {
    const r = await ps('proxy-status', 'deployment/reviews-v2.shop');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Clusters Match \(CDS last loaded at .*\)\nListeners Match .*\nRoutes Match .*\n$/);
  });

  it('an unknown pod is a usage error naming pods with similar names', async () => {
    const r = await ps('proxy-status', 'reviews-v3.shop');
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toMatch(/pod "reviews-v3" not found in namespace shop/);
    expect(r.stderr).toMatch(/similar names in namespace shop: reviews-v1-5c8d7f9b6-fghij, reviews-v2-6f4c8d7b5-klmno/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('proxy-status JSON and YAML', () => {
  let c: SimCluster;
  beforeAll(async () => {
    c = await startSimCluster([...shopFixture(), istiodPod('istiod-a')], { now: () => FIXED_NOW, states: { [REVIEWS_V1]: { CDS: 'STALE' } } });
  });
  afterAll(() => c.close());

  it('-o json lists records with absolute times (golden); -o yaml carries the same data', async () => {
    const json = await runSailctl([...c.kubeconfigArgs, 'proxy-status', '-o', 'json']);
    expect(json.exitCode).toBe(0);
    expectGolden('proxy-status.json', json.stdout);
    const yaml = await runSailctl([...c.kubeconfigArgs, 'proxy-status', '-o', 'yaml']);
    const { parse } = await import('yaml');
    expect(parse(yaml.stdout)).toEqual(JSON.parse(json.stdout));
  });

  it('rejects an unknown output format with 64', async () => {
    const r = await runSailctl([...c.kubeconfigArgs, 'proxy-status', '-o', 'xml']);
    expect(r.exitCode).toBe(64);
  });
});

describe('proxy-status failures', () => {
  let c: SimCluster;
  afterEach(() => c.close());

  it('no istiod: exit 69 with a clear message', async () => {
    c = await startSimCluster(shopFixture());
    const r = await runSailctl([...c.kubeconfigArgs, 'proxy-status']);
    expect(r.exitCode).toBe(69);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no istiod pod found in namespace istio-system/);
    expect(r.stderr).toMatch(/Is Istio installed\?/);
  });

  it('istiod pods that are not running count as none', async () => {
    c = await startSimCluster([...shopFixture(), istiodPod('istiod-a', { phase: 'Pending' })]);
    const r = await runSailctl([...c.kubeconfigArgs, 'proxy-status']);
    expect(r.exitCode).toBe(69);
    expect(r.stderr).toMatch(/1 istiod pod\(s\) found but none is running/);
  });

  it('pods/proxy forbidden: falls back to a port-forward and prints the same table', async () => {
    c = await startSimCluster([...shopFixture(), istiodPod('istiod-a')]);
    const direct = await runSailctl([...c.kubeconfigArgs, 'proxy-status']);
    c.server.deny('get', 'pods', { subresource: 'proxy' });
    c.server.clearRequests();
    const r = await runSailctl([...c.kubeconfigArgs, 'proxy-status']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(direct.stdout);
    expect(c.server.requests.some((q) => q.path.endsWith('/pods/istiod-a/portforward'))).toBe(true);
  });

  it('pods/proxy and port-forward both forbidden: exit 69 naming the permission', async () => {
    c = await startSimCluster([...shopFixture(), istiodPod('istiod-a')]);
    c.server.deny('get', 'pods', { subresource: 'proxy' });
    c.server.deny('create', 'pods', { subresource: 'portforward' });
    const r = await runSailctl([...c.kubeconfigArgs, 'proxy-status']);
    expect(r.exitCode).toBe(69);
    expect(r.stderr).toMatch(/cannot read istiod's sync state from pod istio-system\/istiod-a \(port 15014, \/debug\/syncz\): not allowed to get pods\/proxy in namespace istio-system/);
    expect(r.stderr).toMatch(/RBAC verb "get" on "pods\/proxy"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('malformed syncz: exit 69 naming the source pod, no stack', async () => {
    c = await startSimCluster([...shopFixture(), istiodPod('istiod-a'), istiodPod('istiod-b')], { malformed: { syncz: ['istiod-b'] } });
    const r = await runSailctl([...c.kubeconfigArgs, 'proxy-status']);
    expect(r.exitCode).toBe(69);
    expect(r.stderr).toMatch(/istiod's sync state from pod istio-system\/istiod-b \(port 15014, \/debug\/syncz\) is unreadable: malformed syncz: not JSON/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('one proxy whose Envoy lacks a cluster istiod sends: the diff names it', async () => {
    c = await startSimCluster([...shopFixture(), istiodPod('istiod-a')], { missingClusters: { [REVIEWS_V1]: ['outbound|9080||ratings.shop.svc.cluster.local'] } });
    const r = await runSailctl([...c.kubeconfigArgs, 'proxy-status', REVIEWS_V1]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`Clusters Don't Match (${REVIEWS_V1})\n  - outbound|9080||ratings.shop.svc.cluster.local (sent by istiod, not in Envoy)\n`);
    expect(r.stdout).toMatch(/Listeners Match/);
  });

  it('the number of API requests does not grow with the number of proxies', async () => {
    const count = async (proxies: number) => {
      c = await startSimCluster([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } }, ...manyProxies(proxies), istiodPod('istiod-a'), istiodPod('istiod-b')]);
      const r = await runSailctl([...c.kubeconfigArgs, 'proxy-status']);
      expect(r.exitCode).toBe(0);
      expect(r.stdout.trim().split('\n')).toHaveLength(proxies + 1);
      const n = c.server.requests.length;
      await c.close();
      return n;
    };
    const few = await count(5);
    const many = await count(300);
    c = await startSimCluster([]);
    expect(many).toBe(few);
  });
});
