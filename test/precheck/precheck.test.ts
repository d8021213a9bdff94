/** `sailctl x precheck` against an API server: version, permissions, existing installs, alpha annotations. */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/kube/types.js';
import { parseKubeVersion, runPrechecks } from '../../src/precheck/checks.js';
import { installAccessReviews } from '../../src/precheck/install-access.js';
import { runSailctl } from '../support/cli.js';
import { injectedPod } from '../support/istio-sim/fixtures.js';
import { startStandInServer, type StandInServer } from '../support/istio-sim/stand-in-server.js';

const istiodDeployment = (revision: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: revision === 'default' ? 'istiod' : `istiod-${revision}`, namespace: 'istio-system', labels: { app: 'istiod', 'istio.io/rev': revision } },
  spec: { selector: { matchLabels: { app: 'istiod' } }, template: { spec: { containers: [{ name: 'discovery', image: 'docker.io/istio/pilot:1.30.2' }] } } },
});

const alphaPod = (): KubeObject => {
  const pod = injectedPod('web-1', 'shop', { app: 'web' }, [8080]);
  pod.metadata.annotations = { ...pod.metadata.annotations, 'sidecar.istio.io/bootstrapOverride': 'custom-bootstrap', 'sidecar.istio.io/inject': 'true' };
  return pod;
};

describe('x precheck', () => {
  let server: StandInServer;
  afterEach(() => server.close());
  const precheck = (...argv: string[]) => runSailctl(['--kubeconfig', server.kubeconfigPath, 'x', 'precheck', ...argv]);

  it('a fresh, permissive cluster passes with a clear line on stderr', async () => {
    server = await startStandInServer();
    const r = await precheck();
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/No issues found when checking the cluster/);
  });

  it('a missing permission is IST0141 naming the resource, exit 79; one access review per resource', async () => {
    server = await startStandInServer();
    server.deny('create', 'customresourcedefinitions');
    server.deny('create', 'deployments', { namespace: 'istio-system' });
    const r = await precheck();
    expect(r.exitCode).toBe(79);
    expect(r.stdout).toContain('Error [IST0141] (customresourcedefinitions.apiextensions.k8s.io) Not allowed to create customresourcedefinitions.apiextensions.k8s.io (denied by the test)');
    expect(r.stdout).toContain('Error [IST0141] (deployments.apps) Not allowed to create deployments.apps (denied by the test)');
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(server.requests.filter((q) => q.path.endsWith('/selfsubjectaccessreviews'))).toHaveLength(installAccessReviews('istio-system').length);
    expect(r.stderr).toMatch(/precheck found issues at or above Error/);
  });

  it('an old Kubernetes is IST0142; JSON output carries the code', async () => {
    server = await startStandInServer();
    server.setKubernetesVersion('v1.26.5');
    const r = await precheck('-o', 'json');
    expect(r.exitCode).toBe(79);
    const records = JSON.parse(r.stdout) as Array<{ code: string; message: string; level: string }>;
    expect(records).toEqual([expect.objectContaining({ code: 'IST0142', level: 'Error', message: 'Kubernetes "v1.26.5" is older than the oldest supported version 1.29' })]);
  });

  it('alpha annotations are IST0136 (Info: exit 0 unless the threshold says so); existing installs are reported', async () => {
    server = await startStandInServer([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, alphaPod(), istiodDeployment('default'), istiodDeployment('canary')]);
    const r = await precheck('-r', 'canary');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('Info [IST0136] (Pod shop/web-1) Annotation "sidecar.istio.io/bootstrapOverride" belongs to an alpha feature and may not be fully supported.\n');
    expect(r.stderr).toContain('Istio is already installed: revision canary (1.30.2) in istio-system; revision default (1.30.2) in istio-system.');
    expect(r.stderr).toContain('Installing revision canary again upgrades it in place.');
    const strict = await precheck('--failure-threshold', 'Info');
    expect(strict.exitCode).toBe(79);
    const suppressed = await precheck('--failure-threshold', 'Info', '-S', 'IST0136=Pod *');
    expect(suppressed.exitCode).toBe(0);
    expect(suppressed.stdout).toBe('');
  });

  it('pods it may not list: a warning, the other checks still run', async () => {
    server = await startStandInServer();
    server.deny('list', 'pods');
    const r = await precheck();
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/Warning: not allowed to list pods in all namespaces; the checks that need them were skipped/);
  });

  it('bad flags are usage errors', async () => {
    server = await startStandInServer();
    expect((await precheck('-o', 'xml')).exitCode).toBe(64);
    expect((await precheck('--failure-threshold', 'Bad')).exitCode).toBe(64);
  });
});

describe('precheck checks (pure)', () => {
  const base = { serverVersion: { major: '1', minor: '32', gitVersion: 'v1.32.3' }, access: [], pods: [] };
  it.each([
    ['v1.32.3', true],
    ['v1.29.0-gke.1', true],
    ['v1.28.9', false],
    ['v2.0.0', true],
  ])('Kubernetes %s supported: %s', (gitVersion, ok) => {
    const found = runPrechecks({ ...base, serverVersion: { major: '', minor: '', gitVersion } });
    expect(found.length === 0).toBe(ok);
  });

  it('reads versions from gitVersion first, then major/minor', () => {
    expect(parseKubeVersion({ major: '1', minor: '30+', gitVersion: 'v1.30.1-eks' })).toEqual([1, 30]);
    expect(parseKubeVersion({ major: '1', minor: '31', gitVersion: '' })).toEqual([1, 31]);
    expect(parseKubeVersion({ major: 'x', minor: 'y', gitVersion: 'weird' })).toBeUndefined();
  });
});
