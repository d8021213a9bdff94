/**
 * `analyze` / `explain` through the built binary (npm test builds dist/ first): offline analysis never loads the
 * Kubernetes client; findings go to stdout, people-facing lines to stderr; exit codes are the documented ones.
 */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/sailctl.js', import.meta.url));
const deny = fileURLToPath(new URL('../support/deny-kube-client.mjs', import.meta.url));
const cwd = fileURLToPath(new URL('../fixtures/analyze/', import.meta.url));

const sailctl = (args: string[], input?: string) =>
  execa(process.execPath, ['--import', deny, bin, ...args], { reject: false, cwd, input, env: { NO_COLOR: '1', KUBECONFIG: '/nonexistent' } });

describe('sailctl analyze / explain (binary)', () => {
  it('finds issues offline without the Kubernetes client: findings on stdout, exit 79', async () => {
    const r = await sailctl(['analyze', '--use-kube=false', 'mixed.yaml', '-o', 'json']);
    expect(r.exitCode, r.stderr).toBe(79);
    expect((JSON.parse(r.stdout) as Array<{ code: string }>).map((d) => d.code)).toEqual(['IST0101', 'IST0132']);
    expect(r.stderr).not.toContain('KUBERNETES_CLIENT_LOADED');
  });

  it('clean input: nothing on stdout, the tick line on stderr, exit 0', async () => {
    const r = await sailctl(['analyze', '--use-kube=false', '--snapshot', 'clean.yaml']);
    expect(r).toMatchObject({ exitCode: 0, stdout: '' });
    expect(r.stderr).toContain('✔ No validation issues found');
  });

  it('bad input exits 65 with file:line:col and no stack trace', async () => {
    const r = await sailctl(['analyze', '--use-kube=false', 'broken.yaml']);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('explain works offline', async () => {
    const r = await sailctl(['explain', 'IST0101']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('IST0101 ReferencedResourceNotFound');
    expect((await sailctl(['explain', 'IST9999'])).exitCode).toBe(64);
  });
});
