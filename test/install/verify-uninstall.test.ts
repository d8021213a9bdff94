/** verify-install and uninstall against a cluster over HTTP (the real cluster port), in-process. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execute } from '../../src/main.js';
import { createMemoryIO } from '../../src/output/io.js';
import { runSailctl } from '../support/cli.js';
import { startCluster, type TestCluster } from './cluster.js';

let cluster: TestCluster;
const sail = (...argv: string[]) => runSailctl([...argv, '--kubeconfig', cluster.kubeconfigPath]);

beforeEach(async () => {
  cluster = await startCluster();
});
afterEach(async () => {
  await cluster?.close();
});

describe('verify-install', () => {
  it('passes after an install, with the totals, discovering the revision or checking against the flags', async () => {
    expect((await sail('install', '--profile', 'demo', '-y')).exitCode).toBe(0);
    for (const flags of [[], ['--profile', 'demo']]) {
      const r = await sail('verify-install', ...flags);
      expect(r.exitCode, r.stdout).toBe(0);
      expect(r.stdout).toMatch(/^✔ Checked \d+ CRDs$/m);
      expect(r.stdout).toContain('\nChecked 3 Istio Deployments\n');
      expect(r.stdout).toContain('✔ Istio is installed and verified successfully');
      expect(r.stdout).not.toContain('✖');
    }
    const withFlags = await sail('verify-install', '--profile', 'demo');
    expect(withFlags.stdout).toMatch(/✔ Checked \d+ other objects/);
  });

  it('fails (exit 80) with the pod reason and a hint when istiod is not ready; JSON says the same', async () => {
    expect((await sail('install', '--profile', 'minimal', '-y')).exitCode).toBe(0);
    cluster.keepUnready('istio-system', 'istiod', 'ImagePullBackOff');
    const r = await sail('verify-install');
    expect(r.exitCode).toBe(80);
    expect(r.stdout).toMatch(/✖ control plane: 1 of 1 not ready\n\s+Deployment istio-system\/istiod: 0\/1 replicas available \(pod [^:]+: container [^:]+: ImagePullBackOff/);
    expect(r.stdout).toContain('hint: ');
    expect(r.stdout).toContain('✖ Istio installation is not healthy: 1 check failed');
    const json = await sail('verify-install', '-o', 'json');
    expect(json.exitCode).toBe(80);
    const doc = JSON.parse(json.stdout) as { healthy: boolean; checks: Array<{ id: string; status: string; details: string[] }> };
    expect(doc.healthy).toBe(false);
    expect(doc.checks.find((c) => c.id === 'control-plane-ready')?.status).toBe('failed');
  });

  it('fails when objects the install should have are missing, or nothing is installed', async () => {
    const nothing = await sail('verify-install');
    expect(nothing.exitCode).toBe(80);
    expect(nothing.stdout).toContain('no Istio control plane found');
    expect((await sail('install', '--profile', 'minimal', '-y')).exitCode).toBe(0);
    const other = await sail('verify-install', '--profile', 'demo');
    expect(other.exitCode).toBe(80);
    expect(other.stdout).toContain('Deployment istio-system/istio-ingressgateway: not found');
  });

  it('-r alone picks one installed revision', async () => {
    await sail('install', '--profile', 'minimal', '-r', 'canary', '-y');
    const canary = await sail('verify-install', '-r', 'canary');
    expect(canary.exitCode, canary.stdout).toBe(0);
    expect(canary.stdout).toContain('control plane revision: canary');
    const other = await sail('verify-install', '-r', 'stable');
    expect(other.exitCode).toBe(80);
    expect(other.stdout).toContain('no Istio control plane found');
  });

  it('--wait gives up at the deadline and reports the last round', async () => {
    const started = Date.now();
    const r = await sail('verify-install', '--profile', 'minimal', '--wait', '1500ms');
    expect(r.exitCode).toBe(80);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(r.stderr).toContain('Not healthy yet');
    expect(r.stdout.match(/Kubernetes API\n/g)).toHaveLength(1);
  });

  it('cannot reach the cluster: exit 69', async () => {
    await cluster.close();
    const r = await sail('verify-install', '--kubeclient-timeout', '2s');
    expect(r.exitCode).toBe(69);
    expect(r.stdout).toContain('✖ can reach the Kubernetes API server');
    cluster = await startCluster();
  });
});

describe('uninstall', () => {
  it('refuses without --revision, -f or --purge', async () => {
    const r = await sail('uninstall', '-y');
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toContain('--revision REV, -f FILE');
  });

  it('--dry-run lists what it would remove and removes nothing', async () => {
    await sail('install', '--profile', 'demo', '-y');
    const before = cluster.objectKeys();
    cluster.clearRequests();
    const r = await sail('uninstall', '--revision', 'default', '--dry-run');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('would remove Deployment istio-system/istiod\n');
    expect(r.stdout).toMatch(/^Would remove \d+ objects of revision default from context "[^"]+":\nwould remove /);
    expect(r.stdout).not.toContain('CustomResourceDefinition');
    expect(cluster.writes().every((w) => w.dryRun)).toBe(true);
    expect(cluster.objectKeys()).toEqual(before);
  });

  it('--revision removes that revision only; --purge removes the rest, CRDs included', async () => {
    await sail('install', '--profile', 'minimal', '-y');
    await sail('install', '--profile', 'minimal', '-r', 'canary', '-y');
    const canary = await sail('uninstall', '--revision', 'canary', '-y');
    expect(canary.exitCode, canary.stderr).toBe(0);
    expect(canary.stdout).toContain('removed Deployment istio-system/istiod-canary\n');
    // The header heads the list, on the same stream, whichever order a reader collects the streams in.
    expect(canary.stdout).toMatch(/^Removing \d+ objects of revision canary from context "[^"]+":\nremoved /);
    expect(canary.stderr).not.toContain('Removing');
    expect(cluster.get('apps/v1', 'Deployment', 'istiod-canary', 'istio-system')).toBeUndefined();
    expect(cluster.get('apps/v1', 'Deployment', 'istiod', 'istio-system')).toBeDefined();

    const purge = await sail('uninstall', '--purge', '-y');
    expect(purge.exitCode, purge.stderr).toBe(0);
    expect(purge.stdout).toMatch(/removed CustomResourceDefinition virtualservices.networking.istio.io/);
    expect(cluster.objectKeys()).toEqual(['/Namespace//istio-system']);
  });

  it('interrupted mid-way, it reports exactly what it removed: every DELETE that reached the server, and what is left', async () => {
    expect((await sail('install', '--profile', 'minimal', '-y')).exitCode).toBe(0);
    const server = cluster.loopback;
    if (!server) throw new Error('needs the loopback API server');
    const controller = new AbortController();
    const deleted: string[] = [];
    const stop = server.onRequest((r) => {
      if (r.method !== 'DELETE') return;
      deleted.push(r.name ?? '');
      if (deleted.length === 4) controller.abort();
    });
    const r = await runSailctl(['uninstall', '--purge', '-y', '--kubeconfig', cluster.kubeconfigPath], { signal: controller.signal });
    stop();
    expect(r.exitCode, r.stderr).toBe(130);
    const reported = [...r.stdout.matchAll(/^removed \S+ (?:\S+\/)?(\S+)$/gm)].map((m) => m[1]);
    expect(reported.sort()).toEqual([...deleted].sort());
    expect(reported.length).toBeGreaterThanOrEqual(4);
    expect(r.stderr).toMatch(new RegExp(`Removed ${reported.length} of (\\d+) objects \\(listed on stdout\\); not removed: (\\d+)`));
    const [, total, left] = /Removed \d+ of (\d+) objects \(listed on stdout\); not removed: (\d+)/.exec(r.stderr) ?? [];
    expect(Number(total) - Number(left)).toBe(reported.length);
    expect(r.stderr).toMatch(/\nInterrupted\.\n$/);
  });

  it('asking on a terminal: what was found on stderr with the question; on yes, the header then the list on stdout', async () => {
    await sail('install', '--profile', 'minimal', '-r', 'canary', '-y');
    const ask = async (answer: string) => {
      const io = { ...createMemoryIO(), readLine: async () => answer };
      const exitCode = await execute(['uninstall', '-r', 'canary', '--kubeconfig', cluster.kubeconfigPath], { io, env: {}, cwd: process.cwd() });
      return { exitCode, stdout: io.out(), stderr: io.err() };
    };
    const no = await ask('n');
    expect([no.exitCode, no.stdout]).toEqual([0, '']);
    expect(no.stderr).toMatch(/^Found (\d+) objects of revision canary in context "[^"]+":\n( {2}\S+ \S+\n)+Remove these \1 objects\? \(y\/N\) Cancelled: nothing was removed\.\n$/);
    const yes = await ask('y');
    expect(yes.exitCode, yes.stderr).toBe(0);
    const n = /^Found (\d+)/.exec(yes.stderr)?.[1];
    expect(yes.stdout).toMatch(new RegExp(`^Removing ${n} objects of revision canary from context "[^"]+":\n(removed \\S+ \\S+\n){${n}}$`));
    expect(cluster.get('apps/v1', 'Deployment', 'istiod-canary', 'istio-system')).toBeUndefined();
  });

  it('asks before removing and refuses when nobody can answer', async () => {
    await sail('install', '--profile', 'minimal', '-y');
    cluster.clearRequests();
    const r = await sail('uninstall', '--purge');
    expect(r.exitCode).toBe(64);
    expect(cluster.writes()).toEqual([]);
  });
});
