/**
 * kubectl, the real client, sees what sailctl installed: on the loopback API server, and on the real
 * kube-apiserver tier (test/support/realcluster), which judges the API semantics (field managers, discovery).
 * Skips with the reason when kubectl or the loopback server is missing.
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSailctl } from '../support/cli.js';
import { realTier, useRealCluster } from '../support/realcluster/tier.js';
import { LOOPBACK_AVAILABLE, LOOPBACK_MISSING, startCluster, type TestCluster } from './cluster.js';

const KUBECTL = '/usr/bin/kubectl';
const missing = !existsSync(KUBECTL) ? `${KUBECTL} is not installed` : !LOOPBACK_AVAILABLE ? LOOPBACK_MISSING : undefined;

describe.skipIf(missing !== undefined)(`kubectl interop${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let cluster: TestCluster;
  // Asynchronous: the server answering kubectl lives in this process.
  const kubectl = async (...args: string[]) => (await execa(KUBECTL, ['--kubeconfig', cluster.kubeconfigPath, ...args])).stdout;

  beforeAll(async () => {
    cluster = await startCluster();
    const r = await runSailctl(['install', '--profile', 'demo', '-y', '--kubeconfig', cluster.kubeconfigPath]);
    expect(r.exitCode, r.stderr).toBe(0);
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('lists the Deployments install created', async () => {
    const names = (await kubectl('get', 'deploy', '-n', 'istio-system', '-o', 'jsonpath={.items[*].metadata.name}')).split(/\s+/).sort();
    expect(names).toEqual(['istio-egressgateway', 'istio-ingressgateway', 'istiod']);
  });

  it('sees the CRDs and the field manager sailctl applied with', async () => {
    const crds = await kubectl('get', 'crd', '-o', 'name');
    expect(crds).toContain('customresourcedefinition.apiextensions.k8s.io/virtualservices.networking.istio.io');
    const managers = await kubectl('get', 'deploy', 'istiod', '-n', 'istio-system', '--show-managed-fields', '-o', 'jsonpath={.metadata.managedFields[*].manager}');
    expect(managers.split(/\s+/)).toContain('sailctl');
  });
});

describe.skipIf(!existsSync(KUBECTL))('kubectl interop on a real kube-apiserver', () => {
  const tier = realTier('kubectl interop on the real control plane (test/install/kubectl.test.ts)');
  const real = useRealCluster();
  const kubectl = async (...args: string[]) => (await execa(KUBECTL, ['--kubeconfig', real.get().kubeconfigPath, ...args])).stdout;

  tier.it('sees the Deployments, the CRDs and the field manager sailctl applied with; the real controllers made ReplicaSets', async () => {
    const r = await runSailctl(['install', '--profile', 'demo', '-y', '--kubeconfig', real.get().kubeconfigPath]);
    expect(r.exitCode, r.stderr).toBe(0);
    const names = (await kubectl('get', 'deploy', '-n', 'istio-system', '-o', 'jsonpath={.items[*].metadata.name}')).split(/\s+/).sort();
    expect(names).toEqual(['istio-egressgateway', 'istio-ingressgateway', 'istiod']);
    const crds = await kubectl('get', 'crd', '-o', 'name');
    expect(crds).toContain('customresourcedefinition.apiextensions.k8s.io/virtualservices.networking.istio.io');
    const managers = await kubectl('get', 'deploy', 'istiod', '-n', 'istio-system', '--show-managed-fields', '-o', 'jsonpath={.metadata.managedFields[*].manager}');
    expect(managers.split(/\s+/)).toContain('sailctl');
    const replicaSets = await kubectl('get', 'rs', '-n', 'istio-system', '-l', 'app=istiod', '-o', 'name');
    expect(replicaSets.split('\n').filter(Boolean)).toHaveLength(1);
  }, 180_000);
});
