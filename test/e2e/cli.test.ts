/**
 * Black-box tests of the built binary (npm test builds dist/ first): exit codes, the stdout/stderr split,
 * the import boundary of @kubernetes/client-node, Ctrl-C, and a cluster that goes away mid-command.
 * The "cluster" is a tiny scripted HTTP server in this process.
 */
import { execa, type ResultPromise } from 'execa';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, startTinyServer, type TinyHandler, type TinyServer } from '../support/tiny-server.js';

const bin = fileURLToPath(new URL('../../bin/sailctl.js', import.meta.url));
const recorder = fileURLToPath(new URL('../support/record-imports.mjs', import.meta.url));
const CLIENT = '@kubernetes/client-node';

function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'sailctl-home-'));
  return { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1', ...extra };
}

function sailctl(args: string[], env: Record<string, string> = baseEnv(), nodeArgs: string[] = []): ResultPromise<{ reject: false; extendEnv: false }> {
  return execa(process.execPath, [...nodeArgs, bin, ...args], { reject: false, extendEnv: false, env }) as never;
}

/** Runs with the resolve hook and returns the specifiers the program resolved. */
async function withImports(args: string[], env: Record<string, string> = baseEnv()) {
  const log = join(mkdtempSync(join(tmpdir(), 'sailctl-imports-')), 'imports.log');
  writeFileSync(log, '');
  const r = await sailctl(args, { ...env, SAILCTL_IMPORT_LOG: log }, ['--import', recorder]);
  const specifiers = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { r, specifiers, loadedClient: specifiers.some((s) => s === CLIENT || s.startsWith(`${CLIENT}/`)) };
}

let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const istiod = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'istiod', namespace: 'istio-system', labels: { app: 'istiod' } },
  spec: { template: { spec: { containers: [{ name: 'discovery', image: 'docker.io/istio/pilot:1.31.4' }] } } },
};

const cluster: TinyHandler = (req, res) => {
  if (req.url.startsWith('/apis/apps/v1/deployments?')) return json(res, { metadata: { resourceVersion: '5' }, items: [istiod] });
  if (req.url.startsWith('/api/v1/pods?')) return json(res, { metadata: { resourceVersion: '5' }, items: [] });
};

describe('sailctl binary: help, usage errors, import boundary', () => {
  it('--help goes to stdout with exit 0 and does not load the Kubernetes client', async () => {
    const { r, specifiers, loadedClient } = await withImports(['--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Usage: sailctl');
    expect(r.stderr).toBe('');
    expect(specifiers.length).toBeGreaterThan(0); // the hook did record
    expect(loadedClient).toBe(false);
  });

  it('version --remote=false prints the client version without loading the Kubernetes client', async () => {
    const { r, loadedClient } = await withImports(['version', '--remote=false', '-o', 'short']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\S*$/);
    expect(loadedClient).toBe(false);
  });

  it('version against a cluster with a static token does not need it (sailctl reads static credentials itself)', async () => {
    server = await startTinyServer(cluster);
    const { r, loadedClient } = await withImports(['version'], baseEnv({ KUBECONFIG: server.kubeconfigPath }));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('control plane version: 1.31.4 (revision default, namespace istio-system)');
    expect(loadedClient).toBe(false);
  });

  it('a kubeconfig with a credential plugin loads it, and the plugin token is used', async () => {
    server = await startTinyServer(cluster);
    const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: server.token } });
    const plugin = [
      '- name: tiny-user',
      '  user:',
      '    exec:',
      '      apiVersion: client.authentication.k8s.io/v1',
      `      command: ${JSON.stringify(process.execPath)}`,
      `      args: ["-e", ${JSON.stringify(`process.stdout.write(${JSON.stringify(credential)})`)}]`,
      '      interactiveMode: Never',
    ].join('\n');
    const text = readFileSync(server.kubeconfigPath, 'utf8').replace(/- name: tiny-user\n  user:\n    token: \S+/, plugin);
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'sailctl-exec-')), 'kubeconfig');
    writeFileSync(kubeconfig, text);
    const { r, loadedClient } = await withImports(['version'], baseEnv({ KUBECONFIG: kubeconfig }));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('control plane version: 1.31.4');
    expect(loadedClient).toBe(true);
    expect(r.stdout + r.stderr).not.toContain(server.token);
  });

  it.each([
    [['frobnicate'], "Run 'sailctl --help' for usage."],
    [['version', '--frob'], "Run 'sailctl version --help' for usage."],
    [['frobnicate', '--help'], "Run 'sailctl --help' for usage."],
    [['x', 'frob', '--help'], "Run 'sailctl x --help' for usage."],
    [['proxy-config', 'frob', '-h'], "Run 'sailctl proxy-config --help' for usage."],
  ])('%j -> 64 with a hint on stderr and nothing on stdout', async (args, hint) => {
    const r = await sailctl(args);
    expect(r.exitCode).toBe(64);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Error: /);
    expect(lines.at(-1)?.trim()).toBe(hint);
    expect(lines.length).toBeLessThanOrEqual(2);
  });

  it('a bad global flag value -> 64, the reason and a hint on stderr, nothing on stdout', async () => {
    const r = await sailctl(['--kubeclient-timeout', 'soon', 'version']);
    expect(r.exitCode).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('Error: invalid --kubeclient-timeout "soon": expected a duration such as 15s or 1m\n  Run \'sailctl --help\' for usage.');
  });
});

describe('sailctl binary: kubeconfig problems exit 69', () => {
  const TOKEN = 'e2e-very-secret-token-value';

  it('a malformed kubeconfig is named (with its line) and its token never printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-kc-'));
    const file = join(dir, 'config');
    writeFileSync(file, `users:\n- name: u\n  user:\n    token: ${TOKEN}\n   oops: [\n`);
    const r = await sailctl(['proxy-status'], baseEnv({ KUBECONFIG: file }));
    expect(r.exitCode).toBe(69);
    expect(r.stderr).toContain(`malformed kubeconfig ${file}:`);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    // version is not a failure without a cluster (as istioctl): the client version, the reason, exit 0.
    const v = await sailctl(['version'], baseEnv({ KUBECONFIG: file }));
    expect(v.exitCode).toBe(0);
    expect(v.stdout).toMatch(/^client version: /);
    expect(v.stderr).toContain(`Control plane version unavailable: malformed kubeconfig ${file}:`);
    expect(v.stdout + v.stderr).not.toContain(TOKEN);
  });

  it('an unreadable kubeconfig (a directory) is named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-kc-'));
    const r = await sailctl(['proxy-status', '--kubeconfig', dir]);
    expect(r.exitCode).toBe(69);
    expect(r.stderr).toContain(`cannot read kubeconfig ${dir}: is a directory, not a file`);
  });

  it('no kubeconfig at all -> 69 with a clear message (never localhost:8080)', async () => {
    const r = await sailctl(['proxy-status']);
    expect(r.exitCode).toBe(69);
    expect(r.stderr).toContain('Error: no kubeconfig found');
    expect(r.stderr).not.toContain('8080');
  });

  it('an unknown --context lists the available contexts', async () => {
    server = await startTinyServer(cluster);
    const r = await sailctl(['proxy-status', '--context', 'nope'], baseEnv({ KUBECONFIG: server.kubeconfigPath }));
    expect(r.exitCode).toBe(69);
    expect(r.stderr).toContain('context "nope" not found');
    expect(r.stderr).toContain('available contexts: tiny-context');
  });
});

describe('sailctl binary: cluster trouble', () => {
  it('Ctrl-C during a slow request exits 130 with an Interrupted line', async () => {
    server = await startTinyServer(async (req, res) => {
      await new Promise((r) => setTimeout(r, 3_000));
      return cluster(req, res);
    });
    const child = sailctl(['version'], baseEnv({ KUBECONFIG: server.kubeconfigPath }));
    // Interrupt once the command is waiting on the (slow) cluster.
    const s = server;
    await vi.waitFor(() => expect(s.requests.length).toBeGreaterThan(0), { timeout: 10_000, interval: 20 });
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toMatch(/^Interrupted\./m);
    expect(r.stdout).not.toContain('control plane version');
  });

  it('unreachable cluster: version prints the client version and one line naming the server and context, exit 0', async () => {
    server = await startTinyServer(cluster);
    const { kubeconfigPath, url, token } = server;
    await server.close();
    server = undefined;
    const r = await sailctl(['version'], baseEnv({ KUBECONFIG: kubeconfigPath }));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^client version: \S+ /);
    expect(r.stderr).toBe(`Control plane version unavailable: cannot reach the Kubernetes API server at ${url} (context "tiny-context"): connection refused`); // one line (execa drops the final newline)
    expect(r.stdout + r.stderr).not.toContain(token);
    const short = await sailctl(['version', '--short'], baseEnv({ KUBECONFIG: kubeconfigPath }));
    expect([short.exitCode, short.stdout]).toEqual([0, r.stdout.split(' ')[2]]);
    // A command that needs the cluster fails with 69, naming server and context.
    const ps = await sailctl(['proxy-status'], baseEnv({ KUBECONFIG: kubeconfigPath }));
    expect(ps.exitCode).toBe(69);
    expect(ps.stderr).toContain(`Error: cannot reach the Kubernetes API server at ${url} (context "tiny-context"): connection refused`);
  });

  it('cluster down mid-command: version still exits 0 with the client version, saying what is missing', async () => {
    let dropped = false;
    server = await startTinyServer((req, res) => {
      // Discovery works, then every connection is cut: the cluster went away.
      if (req.url.includes('?') || dropped) {
        dropped = true;
        return void res.socket?.destroy();
      }
      return undefined;
    });
    const r = await sailctl(['version', '-o', 'json'], baseEnv({ KUBECONFIG: server.kubeconfigPath }));
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ clientVersion: expect.objectContaining({ version: expect.any(String) }) });
    expect(r.stderr).toMatch(/^Control plane version unavailable: cannot reach the Kubernetes API server[^\n]*$/);
  });

  it('-v 6 logs each request on stderr, never the token', async () => {
    server = await startTinyServer(cluster);
    const r = await sailctl(['version', '-v', '6', '-o', 'short'], baseEnv({ KUBECONFIG: server.kubeconfigPath }));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^GET \/apis\/apps\/v1\/deployments\?limit=500&labelSelector=app%3Distiod 200 \d+ms$/m);
    expect(r.stdout + r.stderr).not.toContain(server.token);
  });
});
