/**
 * The built binary on install/plan/verify-install/uninstall: exit codes, stdout for data and stderr for people,
 * and Ctrl-C (SIGINT) in the middle of an install rolling back. The cluster is the in-memory stand-in served
 * over HTTP from this process (slowed down so the interruption lands mid-install).
 */
import { execa } from 'execa';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeKubeServer, type FakeKubeServer } from '../support/fake-kube-server.js';

const bin = fileURLToPath(new URL('../../bin/sailctl.js', import.meta.url));
let server: FakeKubeServer;

function sailctl(args: string[]) {
  const env = { PATH: process.env.PATH ?? '', HOME: mkdtempSync(join(tmpdir(), 'sailctl-home-')), NO_COLOR: '1' };
  return execa(process.execPath, [bin, ...args, '--kubeconfig', server.kubeconfigPath], { reject: false, extendEnv: false, env });
}

beforeEach(async () => {
  server = await startFakeKubeServer();
});
afterEach(async () => {
  await server.close();
});

describe('install through the binary', () => {
  it('install: nothing on stdout, progress on stderr; plan: the plan on stdout, exit 0 when nothing changes', async () => {
    const refused = await sailctl(['install', '--profile', 'minimal']);
    expect(refused.exitCode).toBe(64);
    expect(refused.stdout).toBe('');

    const plan = await sailctl(['plan', '--profile', 'minimal']);
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).toContain('+ create Deployment istio-system/istiod');
    expect(plan.stderr).toBe(''); // changes are the answer, not an error: the summary ends stdout

    const r = await sailctl(['install', '--profile', 'minimal', '-y']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('✔ Istiod installed');

    const same = await sailctl(['plan', '--profile', 'minimal', '-o', 'json']);
    expect(same.exitCode).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ changes: false });

    const verify = await sailctl(['verify-install']);
    expect(verify.exitCode, verify.stdout).toBe(0);
    expect(verify.stdout).toContain('✔ Istio is installed and verified successfully');

    const gone = await sailctl(['uninstall', '--purge', '-y']);
    expect(gone.exitCode).toBe(0);
    // The header comes first, on the stream of the list it heads.
    expect(gone.stdout).toMatch(/^Removing (\d+) objects of every Istio install from context "[^"]+":\n(removed \S+ \S+(\n|$))+$/);
    expect(gone.stdout).toContain('removed Deployment istio-system/istiod\n');
    const count = Number(/^Removing (\d+)/.exec(gone.stdout)?.[1]);
    expect(gone.stdout.split('\n').filter((l) => l.startsWith('removed ')).length).toBe(count);
    expect((await sailctl(['verify-install'])).exitCode).toBe(80);
  });

  it('Ctrl-C during an install rolls back what it did and exits 130', async () => {
    server.kube.keepUnready('istio-system', 'istiod', 'ImagePullBackOff');
    const child = sailctl(['install', '--profile', 'minimal', '-y', '--progress', 'plain']);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
      // Interrupt once istiod's objects are applied and the install waits for it.
      if (stderr.includes('Istio core installed')) setTimeout(() => child.kill('SIGINT'), 300);
    });
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toContain('Rolling back');
    expect(r.stderr).toMatch(/Rolled back: \d+ removed/);
    expect(server.kube.all().filter((o) => o.kind === 'Deployment')).toEqual([]);
  });
});
