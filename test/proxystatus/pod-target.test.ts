/** Resolving POD / POD.NS / TYPE/NAME[.NS] arguments, similar-name hints, and unreachable debug ports. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { similarNames } from '../../src/commands/pod-target.js';
import { runSailctl } from '../support/cli.js';
import { startSimCluster, type SimCluster } from '../support/istio-sim/cluster.js';
import { istiodPod, shopFixture } from '../support/istio-sim/fixtures.js';

describe('similarNames', () => {
  const pods = ['reviews-v1-5c8d7f9b6-fghij', 'reviews-v2-6f4c8d7b5-klmno', 'ratings-v1-8b6d5c4f7-pqrst', 'productpage-v1-7d9b5c6f4-abcde'];
  it.each([
    ['reviews', ['reviews-v1-5c8d7f9b6-fghij', 'reviews-v2-6f4c8d7b5-klmno']],
    ['reviews-v1-5c8d7f9b6-fghjj', ['reviews-v1-5c8d7f9b6-fghij', 'reviews-v2-6f4c8d7b5-klmno']],
    ['ratngs-v1-8b6d5c4f7-pqrst', ['ratings-v1-8b6d5c4f7-pqrst']],
    ['zzz', []],
  ])('%s -> %j', (wanted, expected) => {
    expect(similarNames(wanted, pods)).toEqual(expected);
  });
});

describe('pod arguments against a cluster', () => {
  let c: SimCluster;
  beforeAll(async () => {
    c = await startSimCluster([...shopFixture(), istiodPod('istiod-a')]);
  });
  afterAll(() => c.close());
  const run = (...argv: string[]) => runSailctl([...c.kubeconfigArgs, ...argv]);

  it.each([['svc/ratings.shop'], ['service/ratings.shop'], ['pod/ratings-v1-8b6d5c4f7-pqrst.shop'], ['ratings-v1-8b6d5c4f7-pqrst.shop']])('%s reaches the ratings pod', async (ref) => {
    const r = await run('pc', 'bootstrap', ref);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('ratings-v1-8b6d5c4f7-pqrst.shop');
  });

  it.each([
    ['widget/x.shop', /unknown resource type "widget"/],
    ['deployment/nope.shop', /Deployment "nope" not found in namespace shop/],
    ['/x', /expected POD, POD.NAMESPACE or TYPE\/NAME/],
  ])('%s is a usage error', async (ref, message) => {
    const r = await run('pc', 'cluster', ref);
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toMatch(message);
  });

  it('a debug port nobody answers on: 69 naming the pod, after trying the port-forward', async () => {
    c.sim.uninstall();
    try {
      const r = await run('proxy-status');
      expect(r.exitCode).toBe(69);
      expect(r.stderr).toMatch(/cannot read istiod's sync state from pod istio-system\/istiod-a \(port 15014, \/debug\/syncz\): the API server could not reach the pod, and the port-forward fallback failed too/);
    } finally {
      c.sim = (await import('../support/istio-sim/index.js')).installIstioSimulation(c.server);
    }
  });
});
