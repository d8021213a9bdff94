import { describe, expect, it } from 'vitest';
import { FakeKube } from '../../test/support/fake-kube.js';
import { render } from '../manifest/render.js';
import { resolveInstall, type InstallInput } from '../manifest/values.js';
import { computePlan, hasChanges } from '../plan/plan.js';
import { runInstall, type InstallOptions } from './run.js';
import { keyOf } from './refs.js';

const demo = (extra: InstallInput = {}) => render(resolveInstall({ profile: 'demo', ...extra }));
const opts: InstallOptions = { readinessTimeoutMs: 200 };
const keys = (kube: FakeKube) =>
  kube
    .all()
    .filter((o) => o.kind !== 'Pod' && o.kind !== 'Event')
    .map((o) => keyOf(o))
    .sort();

describe('runInstall', () => {
  it('creates every rendered object on a fresh cluster, namespace before namespaced objects', async () => {
    const kube = new FakeKube();
    const set = demo();
    const result = await runInstall(kube, set, opts);
    expect(result.outcome).toBe('installed');
    expect(result.created).toHaveLength(set.objects.length);
    expect(keys(kube)).toEqual(set.objects.map((o) => keyOf(o.object)).sort());
    const applies = kube.mutating().map((r) => r.key);
    // CRDs first, then the namespace, then everything inside it.
    const ns = applies.indexOf('Namespace /istio-system');
    const crds = applies.filter((k) => k.startsWith('CustomResourceDefinition ')).length;
    expect(crds).toBeGreaterThan(0);
    expect(ns).toBe(crds);
    expect(applies.findIndex((k) => / istio-system\//.test(k))).toBeGreaterThan(ns);
    // istiod is ready before any gateway is applied.
    const istiod = applies.indexOf('Deployment istio-system/istiod');
    const gateway = applies.findIndex((k) => k.includes('istio-ingressgateway'));
    expect(istiod).toBeGreaterThan(0);
    expect(gateway).toBeGreaterThan(istiod);
  });

  it('is a no-op on an up-to-date cluster: no write at all', async () => {
    const kube = new FakeKube();
    await runInstall(kube, demo(), opts);
    kube.requests.length = 0;
    const again = await runInstall(kube, demo(), opts);
    expect(again.outcome).toBe('unchanged');
    expect(kube.mutating()).toEqual([]);
    expect(hasChanges(await computePlan(kube, demo()))).toBe(false);
  });

  it('applies only what changed on an upgrade and reports it', async () => {
    const kube = new FakeKube();
    await runInstall(kube, demo(), opts);
    kube.requests.length = 0;
    const result = await runInstall(kube, demo({ set: ['values.global.logging.level=default:debug'] }), opts);
    expect(result.outcome).toBe('installed');
    expect(result.updated).toContain('Deployment istio-system/istiod');
    expect(result.created).toEqual([]);
    expect(kube.mutating().length).toBe(result.updated.length);
  });

  it('prunes objects of the same revision that the render no longer contains', async () => {
    const kube = new FakeKube();
    await runInstall(kube, demo(), opts);
    const result = await runInstall(kube, demo({ set: ['components.egressGateways[0].enabled=false'] }), opts);
    expect(result.pruned).toContain('Deployment istio-system/istio-egressgateway');
    expect(kube.find('Deployment', 'istio-egressgateway')).toBeUndefined();
    expect(kube.find('Deployment', 'istio-ingressgateway')).toBeDefined();
    // Another revision's objects are not touched by pruning.
    await runInstall(kube, demo({ revision: 'canary', set: ['components.ingressGateways[0].enabled=false', 'components.egressGateways[0].enabled=false'] }), opts);
    expect(kube.find('Deployment', 'istiod')).toBeDefined();
    expect(kube.find('Deployment', 'istiod-canary')).toBeDefined();
    expect(kube.find('Deployment', 'istio-ingressgateway')).toBeDefined();
  });

  it('dry run sends every write with dryRun and stores nothing', async () => {
    const kube = new FakeKube();
    const result = await runInstall(kube, demo(), { ...opts, dryRun: true });
    expect(result.outcome).toBe('installed');
    expect(result.created.length).toBeGreaterThan(10);
    expect(kube.mutating().every((r) => r.dryRun)).toBe(true);
    expect(keys(kube)).toEqual([]);
  });

  it('rolls back a fresh install when istiod never becomes ready, naming the reason', async () => {
    const kube = new FakeKube();
    kube.keepUnready('istio-system', 'istiod', 'ImagePullBackOff');
    const result = await runInstall(kube, demo(), opts);
    expect(result.outcome).toBe('failed');
    expect(result.failure?.phase).toBe('Istiod');
    expect(result.failure?.pending[0]?.reasons.join(' ')).toContain('ImagePullBackOff');
    expect(result.rollback?.failed).toEqual([]);
    expect(result.rollback?.removed).toContain('Namespace istio-system');
    expect(keys(kube)).toEqual([]);
  });

  it('rolls back an upgrade to the objects as they were', async () => {
    const kube = new FakeKube();
    await runInstall(kube, demo(), opts);
    const before = kube.find('Deployment', 'istiod', 'istio-system');
    kube.keepUnready('istio-system', 'istiod', 'CrashLoopBackOff');
    const result = await runInstall(kube, demo({ set: ['values.pilot.env.EXTRA=1'] }), opts);
    expect(result.outcome).toBe('failed');
    expect(result.rollback?.restored).toContain('Deployment istio-system/istiod');
    const after = kube.find('Deployment', 'istiod', 'istio-system');
    expect(after?.spec).toEqual(before?.spec);
  });

  it('leaves things as they are with rollback off', async () => {
    const kube = new FakeKube();
    kube.keepUnready('istio-system', 'istiod');
    const result = await runInstall(kube, demo(), { ...opts, rollback: false });
    expect(result.outcome).toBe('failed');
    expect(result.rollback).toBeUndefined();
    expect(kube.find('Deployment', 'istiod')).toBeDefined();
  });

  it('stops and rolls back when interrupted', async () => {
    const kube = new FakeKube();
    const controller = new AbortController();
    let writes = 0;
    kube.afterWrite = () => {
      if (++writes === 5) controller.abort();
    };
    const result = await runInstall(kube, demo(), { ...opts, signal: controller.signal });
    expect(result.outcome).toBe('interrupted');
    expect(result.rollback?.removed.length).toBeGreaterThanOrEqual(5);
    expect(keys(kube)).toEqual([]);
  });

  it('waits for a namespace that is still terminating, then creates it anew', async () => {
    const kube = new FakeKube([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system', deletionTimestamp: '2026-01-01T00:00:00Z' }, status: { phase: 'Terminating' } }]);
    setTimeout(() => void kube.delete({ apiVersion: 'v1', kind: 'Namespace', name: 'istio-system' }), 60);
    const result = await runInstall(kube, demo(), opts);
    expect(result.outcome).toBe('installed');
    expect(result.created).toContain('Namespace istio-system');
    expect(kube.find('Namespace', 'istio-system')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('reports a failed write with what was being done', async () => {
    const kube = new FakeKube();
    kube.failWith = (verb, ref) => (verb === 'apply' && ref.kind === 'ConfigMap' ? new Error('denied: create configmaps') : undefined);
    const result = await runInstall(kube, demo(), opts);
    expect(result.outcome).toBe('failed');
    expect(result.failure?.message).toContain('denied: create configmaps');
    expect(keys(kube)).toEqual([]);
  });

  it('a connection lost during the readiness wait stops the run as a failed write does: reported and rolled back', async () => {
    const kube = new FakeKube();
    let lost = false;
    let applied = false;
    kube.afterWrite = (verb, ref) => {
      if (verb === 'apply' && ref.kind === 'Deployment' && ref.name === 'istiod') applied = true;
    };
    kube.failWith = (verb, ref) => {
      if (applied && verb === 'get' && ref.kind === 'Deployment' && ref.name === 'istiod' && !lost) {
        lost = true;
        return Object.assign(new Error('connection reset while waiting'), { code: 'ECONNRESET' });
      }
      return undefined;
    };
    const result = await runInstall(kube, demo(), opts);
    expect(lost).toBe(true);
    expect(result.outcome).toBe('failed');
    expect(result.failure?.phase).toBe('Istiod');
    expect(result.failure?.message).toContain('connection reset while waiting');
    expect(result.rollback?.removed).toContain('Namespace istio-system');
    expect(keys(kube)).toEqual([]);
  });
});
