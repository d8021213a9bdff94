/**
 * Reliability of install: flaky API server (503/429/dropped connections), interruption at random points then
 * a re-run (must converge to what a clean install gives), permission errors, and no credentials in output.
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

/** Seeded PRNG so a failing point can be replayed. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
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

  it.each([
    [1, 'rollback'],
    [2, 'rollback'],
    [3, 'no-rollback'],
    [4, 'no-rollback'],
  ])('interrupted at a random point (seed %i, %s), a re-run converges to a clean install', async (seed, mode) => {
    const expected = await clean();
    const started = Date.now();
    await sail(['install', '--profile', 'minimal', '-y']);
    const typical = Math.max(50, Date.now() - started);
    await sail(['uninstall', '--purge', '-y']);

    const controller = new AbortController();
    const delay = Math.floor(prng(seed)() * typical);
    setTimeout(() => controller.abort(), delay);
    const extra = mode === 'no-rollback' ? ['--no-rollback'] : [];
    const first = await sail([...INSTALL, ...extra], controller.signal);
    expect([0, 130], `abort after ${delay}ms: ${first.stderr}`).toContain(first.exitCode);
    if (first.exitCode === 130) {
      expect(first.stderr).toContain('Interrupted');
      if (mode === 'rollback') expect(first.stderr).toMatch(/Rolled back|install interrupted/);
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
