/** A hostile environment through the built CLI: full disk on stdout, a closed pipe, a malformed kubeconfig. */
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectClean, runHostile } from './run.js';

describe('hostile environments', () => {
  it('stdout on a full disk (/dev/full) is exit 74 with one line', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of [['version', '--remote=false'], ['manifest', 'generate']]) {
        const r = await runHostile(args, { stdoutFd: full });
        expectClean(r, [74]);
        expect(r.stderr).toBe('Error: cannot write to standard output: no space left on device\n');
      }
    } finally {
      closeSync(full);
    }
  });

  it('a reader closing the pipe early (| head) ends the output quietly', async () => {
    const r = await runHostile(['manifest', 'generate'], {
      started: (_pid, child) => child.stdout?.once('data', () => (child.stdout as unknown as { destroy(): void }).destroy()),
    });
    expectClean(r, [0]);
    expect(r.stderr).toBe('');
  });

  it('a malformed client-key-data is exit 78 naming the field, never its value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-hostile-env-'));
    const secret = Buffer.from('very-secret-key').toString('base64');
    writeFileSync(
      join(dir, 'config'),
      `clusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:9'}\nusers:\n- name: u\n  user: {client-key-data: ${secret}}\n` +
        `contexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n`,
    );
    for (const args of [['version'], ['proxy-status'], ['verify-install']]) {
      const r = await runHostile(['--kubeconfig', join(dir, 'config'), ...args]);
      expectClean(r, [78]);
      expect(r.stderr).toContain('Error: kubeconfig user "u": client-key-data is not a valid base64-encoded PEM private key');
      expect(r.stderr + r.stdout).not.toMatch(/very-secret|dmVyeS1zZWNyZXQ/);
    }
  });
});
