/**
 * kubectl, the real client, sees what sailctl installed (on the loopback API server: the in-memory stand-in
 * does not serve what kubectl needs). Skips with the reason when kubectl or the loopback server is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSailctl } from '../support/cli.js';
import { LOOPBACK_AVAILABLE, LOOPBACK_MISSING, startCluster, type TestCluster } from './cluster.js';

const KUBECTL = '/usr/bin/kubectl';
const missing = !existsSync(KUBECTL) ? `${KUBECTL} is not installed` : !LOOPBACK_AVAILABLE ? LOOPBACK_MISSING : undefined;

describe.skipIf(missing !== undefined)(`kubectl interop${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let cluster: TestCluster;
  const kubectl = (...args: string[]) => execFileSync(KUBECTL, ['--kubeconfig', cluster.kubeconfigPath, ...args], { encoding: 'utf8' });

  beforeAll(async () => {
    cluster = await startCluster();
    const r = await runSailctl(['install', '--profile', 'demo', '-y', '--kubeconfig', cluster.kubeconfigPath]);
    expect(r.exitCode, r.stderr).toBe(0);
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('lists the Deployments install created', () => {
    const names = kubectl('get', 'deploy', '-n', 'istio-system', '-o', 'jsonpath={.items[*].metadata.name}').split(/\s+/).sort();
    expect(names).toEqual(['istio-egressgateway', 'istio-ingressgateway', 'istiod']);
  });

  it('sees the CRDs and the field manager sailctl applied with', () => {
    const crds = kubectl('get', 'crd', '-o', 'name');
    expect(crds).toContain('customresourcedefinition.apiextensions.k8s.io/virtualservices.networking.istio.io');
    const managers = kubectl('get', 'deploy', 'istiod', '-n', 'istio-system', '--show-managed-fields', '-o', 'jsonpath={.metadata.managedFields[*].manager}');
    expect(managers.split(/\s+/)).toContain('sailctl');
  });
});
