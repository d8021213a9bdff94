/** The demo's path in-process: kube-inject a sample app, run it on the stand-in, then proxy-status and proxy-config. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runSailctl } from '../support/cli.js';
import { startSimCluster, type SimCluster } from '../support/istio-sim/cluster.js';
import { seedInjectedApp } from '../support/istio-sim/demo-app.js';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: productpage, namespace: default, labels: {app: productpage, version: v1}}
spec:
  selector: {matchLabels: {app: productpage}}
  template:
    metadata: {labels: {app: productpage, version: v1}}
    spec:
      containers:
      - name: productpage
        image: docker.io/istio/examples-bookinfo-productpage-v1:1.20.2
        ports: [{containerPort: 9080}]
`;

let c: SimCluster;
beforeAll(async () => {
  c = await startSimCluster([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } }]);
});
afterAll(() => c.close());

it('inject -> run -> proxy-status -> proxy-config', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sailctl-demo-app-'));
  writeFileSync(join(dir, 'app.yaml'), APP);
  const injected = await runSailctl(['kube-inject', '-f', join(dir, 'app.yaml')]);
  expect(injected.exitCode, injected.stderr).toBe(0);
  writeFileSync(join(dir, 'app-injected.yaml'), injected.stdout);

  const lines = seedInjectedApp(c.server, join(dir, 'app-injected.yaml'));
  expect(lines).toEqual([
    'pod default/productpage-7c9d8b6f5-demo0 (from the injected Deployment productpage) is Running, with Service productpage',
    'no running istiod pod yet: added one (the stand-in does not run istiod)',
  ]);
  const ps = await runSailctl([...c.kubeconfigArgs, 'proxy-status']);
  expect(ps.exitCode, ps.stderr).toBe(0);
  expect(ps.stdout).toMatch(/^productpage-7c9d8b6f5-demo0\.default\s+Kubernetes\s+istiod-5b7f8c9d4-demo0\s+1\.31\.4\s+5 \(CDS,LDS,EDS,RDS,ECDS\)$/m);
  const pc = await runSailctl([...c.kubeconfigArgs, 'pc', 'endpoints', 'productpage-7c9d8b6f5-demo0.default']);
  expect(pc.stdout).toContain('10.244.7.10:9080   HEALTHY   OK              outbound|9080||productpage.default.svc.cluster.local');
});
