import { describe, expect, it } from 'vitest';
import { FakeKube } from '../../test/support/fake-kube.js';
import { runInstall } from '../install/run.js';
import { render } from '../manifest/render.js';
import { resolveInstall } from '../manifest/values.js';
import { CHECKS } from './checks.js';
import { runChecks } from './run.js';
import { discoverTarget, targetFromRender } from './target.js';
import type { CheckResult, VerifyEnv } from './types.js';

const demo = render(resolveInstall({ profile: 'demo' }));
const envFor = (kube: FakeKube, rendered = true): VerifyEnv => ({
  kube,
  target: () => (rendered ? Promise.resolve(targetFromRender([demo])) : discoverTarget(kube)),
});
const byId = (results: CheckResult[], id: string) => results.find((r) => r.id === id);

async function installed(): Promise<FakeKube> {
  const kube = new FakeKube();
  const r = await runInstall(kube, demo, { readinessTimeoutMs: 100 });
  expect(r.outcome).toBe('installed');
  return kube;
}

describe('verify checks', () => {
  it('all pass on a healthy install, in both modes, counting CRDs and Deployments', async () => {
    const kube = await installed();
    for (const rendered of [true, false]) {
      const report = await runChecks(CHECKS, envFor(kube, rendered));
      expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
      expect(report.healthy).toBe(true);
      expect(report.totals).toEqual({ crds: demo.objects.filter((o) => o.object.kind === 'CustomResourceDefinition').length, deployments: 3 });
    }
  });

  it('a webhook without caBundle, or pointing at a missing Service, fails with the webhook named', async () => {
    const kube = new FakeKube();
    kube.injectCaBundle = false;
    await runInstall(kube, demo, { readinessTimeoutMs: 100 });
    await kube.delete({ apiVersion: 'v1', kind: 'Service', namespace: 'istio-system', name: 'istiod' });
    const report = await runChecks(CHECKS, envFor(kube));
    const hooks = byId(report.results, 'webhooks');
    expect(hooks?.status).toBe('failed');
    expect(hooks?.details.some((d) => /MutatingWebhookConfiguration istio-sidecar-injector webhook .*: no caBundle/.test(d))).toBe(true);
    expect(hooks?.details.some((d) => d.endsWith('Service istio-system/istiod not found'))).toBe(true);
    expect(hooks?.hint).toBe('istiod fills in the caBundle once it runs: check that istiod is ready and its Service exists');
    expect(byId(report.results, 'resources-present')?.details).toContain('Service istio-system/istiod: not found');
  });

  it('a missing Istio namespace (-i no-such-namespace) fails the install, in both modes', async () => {
    const kube = await installed();
    const discovered = await runChecks(CHECKS, { ...envFor(kube, false), istioNamespace: 'no-such-namespace' });
    expect(discovered.healthy).toBe(false);
    expect(byId(discovered.results, 'istio-namespace')).toMatchObject({ status: 'failed', description: 'namespace no-such-namespace not found', details: ['Namespace no-such-namespace: not found'] });
    await kube.delete({ apiVersion: 'v1', kind: 'Namespace', name: 'istio-system' });
    const rendered = await runChecks(CHECKS, envFor(kube));
    expect(byId(rendered.results, 'istio-namespace')?.details).toEqual(['Namespace istio-system: not found']);
  });

  it('a missing CRD fails the CRD check, naming it', async () => {
    const kube = await installed();
    await kube.delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'virtualservices.networking.istio.io' });
    const report = await runChecks(CHECKS, envFor(kube));
    expect(byId(report.results, 'istio-crds')?.status).toBe('failed');
    expect(byId(report.results, 'istio-crds')?.details).toEqual(['virtualservices.networking.istio.io: not found']);
  });

  it('stops after a fatal failure and lists the skipped checks', async () => {
    const kube = new FakeKube();
    kube.failWith = () => new Error('connection refused');
    kube.serverVersion = async () => {
      throw new Error('cannot reach the Kubernetes API server: connection refused');
    };
    const seen: string[] = [];
    const report = await runChecks(CHECKS, envFor(kube), { result: (r) => seen.push(r.id) });
    expect(seen).toEqual(['k8s-api-reachable']);
    expect(report.healthy).toBe(false);
    expect(report.skipped).toEqual(CHECKS.slice(1).map((c) => c.id));
  });

  it('an old Kubernetes fails the version check only', async () => {
    const kube = await installed();
    kube.serverGitVersion = 'v1.25.0';
    const report = await runChecks(CHECKS, envFor(kube));
    expect(report.results.filter((r) => r.status === 'failed').map((r) => r.id)).toEqual(['k8s-version']);
  });
});
