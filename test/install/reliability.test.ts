/**
 * Reliability of install: flaky API server (503/429/dropped connections), interruption at known points (the
 * loopback server's request hook aborts as a given object's write arrives) then a re-run (must converge to what
 * a clean install gives), permission errors, and no credentials in output.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSailctl } from '../support/cli.js';
import { startCluster, type TestCluster } from './cluster.js';

let cluster: TestCluster;
const sail = (argv: string[], signal?: AbortSignal) => runSailctl([...argv, '--kubeconfig', cluster.kubeconfigPath], { signal });
const INSTALL = ['install', '--profile', 'demo', '-y', '--readiness-timeout', '20s'];

/** What a clean install leaves, computed once on its own cluster. */
let cleanKeys: string[] | undefined;
async function clean(): Promise<string[]> {
  if (!cleanKeys) {
    const c = await startCluster();
    const r = await runSailctl([...INSTALL, '--kubeconfig', c.kubeconfigPath]);
    expect(r.exitCode, r.stderr).toBe(0);
    cleanKeys = c.objectKeys();
    await c.close();
  }
  return cleanKeys;
}

beforeEach(async () => {
  cluster = await startCluster();
});
afterEach(async () => {
  await cluster?.close();
});

describe('install reliability', () => {
  it('completes through 10% failed requests (503, 429, dropped connections) with the same result', async () => {
    cluster.injectFaults(0.1);
    const r = await sail(INSTALL);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(cluster.faultsAnswered()).toBeGreaterThan(3);
    expect(cluster.objectKeys()).toEqual(await clean());
  });

  /**
   * Where each run is interrupted: as the server-side apply of `at` arrives, in phase `phase`. The phases before
   * it have completed; `present` must then be in the cluster (without rollback) and `absent`, of a later phase,
   * is never written.
   */
  const INTERRUPTIONS: Array<{ phase: string; done: string[]; at: { resource: string; name: string; shown: string }; mode: 'rollback' | 'no-rollback'; present: string[]; absent: string[] }> = [
    {
      phase: 'CRDs',
      done: [],
      at: { resource: 'customresourcedefinitions', name: 'virtualservices.networking.istio.io', shown: 'CustomResourceDefinition virtualservices.networking.istio.io' },
      mode: 'rollback',
      present: [],
      absent: ['/Namespace//istio-system', 'apps/Deployment/istio-system/istiod'],
    },
    {
      phase: 'Istiod',
      done: ['CRDs', 'Namespace', 'Istio core'],
      at: { resource: 'deployments', name: 'istiod', shown: 'Deployment istio-system/istiod' },
      mode: 'rollback',
      present: [],
      absent: ['apps/Deployment/istio-system/istio-ingressgateway', 'apps/Deployment/istio-system/istio-egressgateway'],
    },
    {
      phase: 'Namespace',
      done: ['CRDs'],
      at: { resource: 'namespaces', name: 'istio-system', shown: 'Namespace istio-system' },
      mode: 'no-rollback',
      present: ['apiextensions.k8s.io/CustomResourceDefinition//virtualservices.networking.istio.io', '/Namespace//istio-system'],
      absent: ['apps/Deployment/istio-system/istiod'],
    },
    {
      phase: 'Ingress gateways',
      done: ['CRDs', 'Namespace', 'Istio core', 'Istiod'],
      at: { resource: 'deployments', name: 'istio-ingressgateway', shown: 'Deployment istio-system/istio-ingressgateway' },
      mode: 'no-rollback',
      present: ['/Namespace//istio-system', 'apps/Deployment/istio-system/istiod', 'apps/Deployment/istio-system/istio-ingressgateway'],
      absent: ['apps/Deployment/istio-system/istio-egressgateway'],
    },
  ];

  /** `group/Kind/namespace/name` (objectKeys) as install reports it: `Kind namespace/name`. */
  const shown = (key: string) => {
    const [, kind, namespace, name] = key.split('/') as [string, string, string, string];
    return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
  };
  /** Whether a server-side apply of the object `group/Kind/namespace/name` came in (the kinds named here pluralise with an s). */
  const applied = (written: string[], key: string) => {
    const [, kind, , name] = key.split('/') as [string, string, string, string];
    return written.includes(`${kind.toLowerCase()}s/${name}`);
  };
  /** The indented `  <verb> <object>` lines under a report line. */
  const listed = (stderr: string, verb: string) => [...stderr.matchAll(new RegExp(`^  ${verb} (.+)$`, 'gm'))].map((m) => m[1] as string).sort();

  it.each(INTERRUPTIONS.map((c) => [`${c.at.shown} (${c.phase} phase, ${c.mode})`, c] as const))('interrupted as it applies %s: stops there, reports, and a re-run converges', async (_title, c) => {
    const expected = await clean();
    const server = cluster.loopback;
    if (!server) throw new Error('the interruption tests need the loopback API server (test/support/apiserver)');
    const controller = new AbortController();
    const written: string[] = [];
    const stopHook = server.onRequest((r) => {
      if (r.method !== 'PATCH') return;
      written.push(`${r.resource}/${r.name}`);
      if (r.resource === c.at.resource && r.name === c.at.name) controller.abort();
    });
    const first = await sail([...INSTALL, ...(c.mode === 'no-rollback' ? ['--no-rollback'] : [])], controller.signal);
    stopHook();

    expect(controller.signal.aborted, `${c.at.shown} was never written: ${first.stderr}`).toBe(true);
    expect(first.exitCode, first.stderr).toBe(130);
    expect(first.stdout).toBe('');
    for (const phase of c.done) expect(first.stderr).toMatch(new RegExp(`^✔ ${phase} installed: \\d+ created\\n`, 'm'));
    expect(first.stderr).toContain(`✖ ${c.phase}: interrupted\n`);
    expect(first.stderr).not.toContain(`✔ ${c.phase} installed`);
    expect(first.stderr).toMatch(/\nInterrupted\.\n$/);
    for (const key of c.absent) expect(applied(written, key), `${key} is in a later phase than ${c.phase}`).toBe(false);

    if (c.mode === 'rollback') {
      const removed = listed(first.stderr, 'removed');
      expect(first.stderr).toContain(`Rolled back: ${removed.length} removed, 0 restored to their previous state\n`);
      expect(removed).toContain(c.at.shown);
      expect(first.stderr).not.toContain('NOT undone');
      // A fresh install rolled back leaves nothing (istio-system goes once it has finished terminating).
      await expect.poll(() => cluster.objectKeys()).toEqual([]);
    } else {
      const created = listed(first.stderr, 'created');
      expect(first.stderr).toContain(`Not rolled back (--no-rollback): ${created.length} changes left in place\n`);
      expect(created).toContain(c.at.shown);
      // What it says it left is what is in the cluster: part of a clean install, up to the interrupted phase.
      const left = cluster.objectKeys();
      expect(left.map(shown).sort()).toEqual(created);
      expect(expected).toEqual(expect.arrayContaining(left));
      expect(left).toEqual(expect.arrayContaining(c.present));
      for (const key of c.absent) expect(left).not.toContain(key);
    }

    const again = await sail(INSTALL);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(cluster.objectKeys()).toEqual(expected);
  });

  it('a 403 names the verb and the resource that was denied, and the install is rolled back', async () => {
    cluster.denyApply('deployments', 'apps', 'Deployment');
    const r = await sail(INSTALL);
    expect(r.exitCode).toBe(69);
    expect(r.stderr).toMatch(/forbidden/i);
    expect(r.stderr).toMatch(/deployments(\.apps)?/);
    expect(r.stderr).toMatch(/patch|apply/);
    expect(r.stderr).toContain('Rolled back');
  });

  it('never prints the token, even with request logging', async () => {
    const r = await sail([...INSTALL, '-v', '6']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('PATCH ');
    expect(r.stderr + r.stdout).not.toContain(cluster.token);
  });
});
