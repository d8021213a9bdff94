/** `sailctl version`: the data plane comes from istiod's sync state when istiod answers, else from sidecar images. */
import { afterEach, expect, it } from 'vitest';
import type { KubeObject } from '../../src/kube/types.js';
import { runSailctl } from '../support/cli.js';
import { startSimCluster, type SimCluster } from '../support/istio-sim/cluster.js';
import { istiodPod, shopFixture } from '../support/istio-sim/fixtures.js';

const istiodDeployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'istiod', namespace: 'istio-system', labels: { app: 'istiod', 'istio.io/rev': 'default' } },
  spec: { selector: { matchLabels: { app: 'istiod' } }, template: { spec: { containers: [{ name: 'discovery', image: 'docker.io/istio/pilot:1.31.4' }] } } },
};

let c: SimCluster;
afterEach(() => c.close());

it('reports the versions the connected proxies report to istiod', async () => {
  // The sidecar images say 1.31.4; the running proxies (as istiod sees them) say 1.31.5.
  c = await startSimCluster([...shopFixture(), istiodDeployment, istiodPod('istiod-a')], { version: '1.31.5' });
  const r = await runSailctl([...c.kubeconfigArgs, 'version', '-o', 'json']);
  expect(r.exitCode, r.stderr).toBe(0);
  expect((JSON.parse(r.stdout) as { dataPlaneVersion: unknown }).dataPlaneVersion).toEqual([{ version: '1.31.5', revision: 'default', proxies: 4 }]);
});

it('falls back to the sidecar images when istiod cannot be asked', async () => {
  c = await startSimCluster([...shopFixture(), istiodDeployment, istiodPod('istiod-a')], { version: '1.31.5' });
  c.server.deny('get', 'pods', { subresource: 'proxy' });
  c.server.deny('create', 'pods', { subresource: 'portforward' });
  const r = await runSailctl([...c.kubeconfigArgs, 'version']);
  expect(r.exitCode, r.stderr).toBe(0);
  expect(r.stdout).toContain('data plane version: 1.31.4 (4 proxies, revision default)');
});
