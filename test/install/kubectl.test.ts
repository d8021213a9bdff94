/**
 * kubectl, the real client, sees what sailctl installed (on the loopback API server: the in-memory stand-in
 * does not serve what kubectl needs). Skips with the reason when kubectl or the loopback server is missing.
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSailctl } from '../support/cli.js';
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
