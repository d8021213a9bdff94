/** Hostile output targets through the built CLI: refused or written through as the README says, never damaged. */
import { execFileSync } from 'node:child_process';
import { linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectClean, runHostile } from './run.js';

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  containers:\n  - name: app\n    image: example.com/app:1\n`;

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sailctl-hostile-write-'));
  writeFileSync(join(dir, 'app.yaml'), pod('web'));
  return dir;
}

describe('hostile output targets', () => {
  it.each([
    ['a FIFO', (dir: string) => (execFileSync('mkfifo', [join(dir, 'target')]), join(dir, 'target')), 'it is a FIFO (named pipe), not a regular file'],
    ['a directory', (dir: string) => (mkdirSync(join(dir, 'target')), join(dir, 'target')), 'it is a directory, not a regular file'],
    ['/dev/null', () => '/dev/null', 'it is a character device, not a regular file'],
    ['/proc', () => '/proc/sailctl-x', 'is on /proc, a kernel file system'],
    ['/sys', () => '/sys/sailctl-x', 'is on /sys, a kernel file system'],
    ['a missing directory', (dir: string) => join(dir, 'missing', 'out.yaml'), `directory `],
  ])('kube-inject -o onto %s exits 73, says why and leaves it as it was', async (_what, make, reason) => {
    const dir = scratch();
    const target = make(dir);
    const before = lstatSync(target, { throwIfNoEntry: false });
    const r = await runHostile(['kube-inject', '-f', 'app.yaml', '-o', target], { cwd: dir });
    expectClean(r, [73]);
    expect(r.stderr).toContain(reason);
    expect(r.stderr.trim().split('\n')[0]).toMatch(/^Error: (refusing to write|cannot write) /);
    const after = lstatSync(target, { throwIfNoEntry: false });
    expect([after?.mode, after?.ino, after?.rdev]).toEqual([before?.mode, before?.ino, before?.rdev]);
    expect(readFileSync(join(dir, 'app.yaml'), 'utf8')).toBe(pod('web'));
  });

  it('manifest generate -o /proc/x and -o into /sys finish at once with 73', async () => {
    for (const target of ['/proc/x', '/sys/sailctl']) {
      const r = await runHostile(['manifest', 'generate', '-o', target], { timeoutMs: 15_000 });
      expectClean(r, [73]);
    }
  });

  it('--in-place through a symlink writes its target and keeps the link; hard links stay one file', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'app.yaml'), pod('linked'));
    symlinkSync('real/app.yaml', join(dir, 'link.yaml'));
    expectClean(await runHostile(['kube-inject', '-f', 'link.yaml', '--in-place'], { cwd: dir }), [0]);
    expect(lstatSync(join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real', 'app.yaml'), 'utf8')).toContain('istio-proxy');

    linkSync(join(dir, 'app.yaml'), join(dir, 'hard.yaml'));
    expectClean(await runHostile(['kube-inject', '-f', 'app.yaml', '--in-place'], { cwd: dir }), [0]);
    expect(statSync(join(dir, 'hard.yaml')).ino).toBe(statSync(join(dir, 'app.yaml')).ino);
    expect(readFileSync(join(dir, 'hard.yaml'), 'utf8')).toContain('istio-proxy');
  });

  it('SIGINT during --in-place leaves the input byte-identical (and says so) or fully written, never a mix', async () => {
    const dir = scratch();
    const original = Array.from({ length: 3000 }, (_, i) => pod(`w${i}`)).join('---\n');
    writeFileSync(join(dir, 'big.yaml'), original);
    const r = await runHostile(['kube-inject', '-f', 'big.yaml', '--in-place'], {
      cwd: dir,
      timeoutMs: 60_000,
      // Late enough that Node has started (a SIGINT before sailctl's handler exists kills it outright, which
      // must leave the file alone too), early enough to land while the 3,000 workloads are being injected.
      started: (pid) => setTimeout(() => process.kill(pid, 'SIGINT'), 1500),
    });
    const now = readFileSync(join(dir, 'big.yaml'), 'utf8');
    if (r.signal === 'SIGINT') {
      expect(now === original).toBe(true);
      return;
    }
    expectClean(r, [0, 130]);
    if (now === original) {
      if (r.code === 130 && r.stderr.includes('before big.yaml was written')) expect(r.stderr).toContain('big.yaml was not changed.');
    } else {
      expect(now.split('sidecar.istio.io/status:').length - 1).toBe(3000);
    }
    expect(readdirSync(dir).sort()).toEqual(['app.yaml', 'big.yaml']);
  });

  it('manifest generate -o DIR refuses a directory holding other files, and leaves it as it was', async () => {
    const dir = scratch();
    const r = await runHostile(['manifest', 'generate', '-o', '.'], { cwd: dir });
    expectClean(r, [73]);
    expect(readdirSync(dir)).toEqual(['app.yaml']);
  });
});
