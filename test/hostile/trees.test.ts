/** Hostile input trees through the built CLI: symlink loops, FIFOs, unreadable files; every run ends. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectClean, runHostile } from './run.js';

const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  ports: [{name: http, port: 80}]\n';

function hostileTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sailctl-hostile-tree-'));
  writeFileSync(join(dir, 'svc.yaml'), service);
  mkdirSync(join(dir, 'sub'));
  symlinkSync('..', join(dir, 'sub', 'loop'));
  symlinkSync('.', join(dir, 'self.yaml'));
  symlinkSync('x.yaml', join(dir, 'y.yaml'));
  symlinkSync('y.yaml', join(dir, 'x.yaml'));
  execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
  return dir;
}

describe('hostile input trees', () => {
  it.each([
    ['validate', ['validate', '-f', '.']],
    ['validate -R', ['validate', '-R', '-f', '.']],
    ['analyze', ['analyze', '--use-kube=false', '.']],
    ['analyze -R', ['analyze', '--use-kube=false', '-R', '.']],
  ])('%s on symlink loops and a FIFO finishes, warning about each', async (_name, args) => {
    const dir = hostileTree();
    const r = await runHostile(args, { cwd: dir, timeoutMs: 30_000 });
    expectClean(r, [0]);
    expect(r.stderr).toContain('Warning: skipped pipe.yaml: it is a FIFO, not a file');
    expect(r.stderr).toContain('Warning: skipped x.yaml: a symlink loop');
  });

  it('an unreadable file is exit 66 naming it; kube-inject -f /dev/zero ends with 65', async () => {
    const mem = await runHostile(['validate', '-f', '/proc/self/mem']);
    expectClean(mem, [66]);
    expect(mem.stderr).toBe('Error: cannot read /proc/self/mem: input/output error\n');
    const zero = await runHostile(['kube-inject', '-f', '/dev/zero'], { timeoutMs: 30_000 });
    expectClean(zero, [65]);
    expect(zero.stderr).toBe('Error: /dev/zero:1:1: input is over the 128 MiB limit\n');
  });
});
