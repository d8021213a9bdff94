/**
 * kube-inject through the built binary (npm test builds dist/ first): the stdout/stderr split, exit codes,
 * --in-place, and that the Kubernetes client is never loaded without --from-cluster.
 */
import { execa } from 'execa';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/sailctl.js', import.meta.url));
const deny = fileURLToPath(new URL('../support/deny-kube-client.mjs', import.meta.url));
const app = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x}]\n';

function sailctl(args: string[], options: { input?: string; denyKube?: boolean } = {}) {
  const node = options.denyKube ? ['--import', deny, bin] : [bin];
  return execa(process.execPath, [...node, ...args], {
    input: options.input,
    reject: false,
    stripFinalNewline: false,
    env: { NO_COLOR: '1', KUBECONFIG: '/nonexistent' },
  });
}

describe('sailctl kube-inject (binary)', () => {
  it('writes YAML to stdout and the report to stderr, without loading the Kubernetes client', async () => {
    const r = await sailctl(['kube-inject', '-f', '-'], { input: app, denyKube: true });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('name: istio-proxy');
    expect(r.stdout).not.toContain('injected');
    expect(r.stderr).toBe('Pod/p: injected (-:1:1)\n');
  });

  it('reads input that needs the full YAML parser (a kind: List with anchors) in the bundle too', async () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: &n p, labels: {app: *n}}\n  spec:\n    containers: [{name: c, image: x}]\n';
    const r = await sailctl(['kube-inject', '-f', '-'], { input: list, denyKube: true });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('name: istio-proxy');
    expect(r.stderr).toBe('Pod/p: injected (-:4:3)\n');
  });

  it('the guard works: loading the client under it fails', async () => {
    const r = await execa(process.execPath, ['--import', deny, '--input-type=module', '-e', "await import('@kubernetes/client-node')"], { reject: false });
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain('KUBERNETES_CLIENT_LOADED');
  });

  it('exit codes: 64 without -f, 65 for malformed YAML (nothing written to -o), 1 for --check drift', async () => {
    expect((await sailctl(['kube-inject'])).exitCode).toBe(64);
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-inject-'));
    const out = join(dir, 'out.yaml');
    writeFileSync(out, 'keep me\n');
    const bad = await sailctl(['kube-inject', '-f', '-', '-o', out], { input: 'kind: Pod\nmetadata: [\n' });
    expect(bad.exitCode).toBe(65);
    expect(bad.stderr).toMatch(/^Error: -:\d+:\d+: /);
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');
    const check = await sailctl(['kube-inject', '--check', '-f', '-'], { input: app });
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toBe('');
    expect(check.stderr).toContain('Pod/p: missing: no sidecar');
  });

  it('--in-place rewrites the input file through a temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-inject-'));
    const file = join(dir, 'app.yaml');
    writeFileSync(file, app);
    const r = await sailctl(['kube-inject', '-f', file, '--in-place']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toContain('name: istio-proxy');
  });
});
