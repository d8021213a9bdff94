import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KubeConfigError } from './errors.js';
import { loadKubeconfig, readKubeconfigs } from './kubeconfig-files.js';

const SECRET = 'super-secret-token-value-42';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'sailctl-kc-'));
}

function kubeconfig(opts: { clusters?: [string, string][]; users?: [string, string][]; contexts?: [string, string, string, string?][]; current?: string }): string {
  const lines = ['apiVersion: v1', 'kind: Config', 'clusters:'];
  for (const [name, server] of opts.clusters ?? []) lines.push(`- name: ${name}`, '  cluster:', `    server: ${server}`, '    certificate-authority: ca.crt');
  lines.push('users:');
  for (const [name, token] of opts.users ?? []) lines.push(`- name: ${name}`, '  user:', `    token: ${token}`);
  lines.push('contexts:');
  for (const [name, cluster, user, ns] of opts.contexts ?? []) {
    lines.push(`- name: ${name}`, '  context:', `    cluster: ${cluster}`, `    user: ${user}`);
    if (ns) lines.push(`    namespace: ${ns}`);
  }
  if (opts.current) lines.push(`current-context: ${opts.current}`);
  return `${lines.join('\n')}\n`;
}

function expectConfigError(fn: () => unknown): KubeConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(KubeConfigError);
    return err as KubeConfigError;
  }
  throw new Error('expected a KubeConfigError');
}

describe('kubeconfig merging (kubectl semantics)', () => {
  it('skips missing files in $KUBECONFIG, keeps the first definition of each name and the first current-context', () => {
    const dir = tmp();
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    writeFileSync(a, kubeconfig({ clusters: [['shared', 'https://a.example:6443']], users: [['u', 'token-a']], contexts: [['ctx-a', 'shared', 'u', 'ns-a']] }));
    writeFileSync(
      b,
      kubeconfig({
        clusters: [['shared', 'https://b.example:6443'], ['only-b', 'https://only-b.example']],
        users: [['u', 'token-b']],
        contexts: [['ctx-a', 'only-b', 'u', 'ns-b'], ['ctx-b', 'only-b', 'u']],
        current: 'ctx-b',
      }),
    );
    const env = { KUBECONFIG: [join(dir, 'missing'), a, b].join(':') };
    const loaded = loadKubeconfig({ env });
    // a sets no current-context, so b's wins.
    expect(loaded.context.name).toBe('ctx-b');
    expect(loaded.cluster.server).toBe('https://only-b.example');
    expect(loaded.config.files).toEqual([a, b]);
    const picked = loadKubeconfig({ env, context: 'ctx-a' });
    expect(picked.cluster.server).toBe('https://a.example:6443');
    expect(picked.user.token).toBe('token-a');
    expect(picked.context.namespace).toBe('ns-a');
    // Relative references resolve against the file that holds them.
    expect(picked.cluster.certificateAuthority).toBe(join(dir, 'ca.crt'));
  });

  it('the first file that sets current-context wins even if a later one sets another', () => {
    const dir = tmp();
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    writeFileSync(a, kubeconfig({ current: 'ctx-b' }));
    writeFileSync(b, kubeconfig({ clusters: [['c', 'https://c']], users: [['u', 't']], contexts: [['ctx-a', 'c', 'u'], ['ctx-b', 'c', 'u', 'from-b']], current: 'ctx-a' }));
    const loaded = loadKubeconfig({ env: { KUBECONFIG: `${a}:${b}` } });
    expect(loaded.context.name).toBe('ctx-b');
    expect(loaded.context.namespace).toBe('from-b');
  });

  it('--kubeconfig wins over $KUBECONFIG and must exist', () => {
    const dir = tmp();
    const a = join(dir, 'a');
    writeFileSync(a, kubeconfig({ clusters: [['c', 'https://flag']], users: [['u', 't']], contexts: [['x', 'c', 'u']], current: 'x' }));
    expect(loadKubeconfig({ kubeconfig: a, env: { KUBECONFIG: '/nope' } }).cluster.server).toBe('https://flag');
    const err = expectConfigError(() => loadKubeconfig({ kubeconfig: join(dir, 'absent'), env: {} }));
    expect(err.message).toBe(`cannot read kubeconfig ${join(dir, 'absent')}: no such file`);
    expect(err.exitCode).toBe(69);
  });

  it('falls back to $HOME/.kube/config', () => {
    const home = tmp();
    mkdirSync(join(home, '.kube'));
    writeFileSync(join(home, '.kube', 'config'), kubeconfig({ clusters: [['c', 'https://home']], users: [['u', 't']], contexts: [['h', 'c', 'u']], current: 'h' }));
    expect(loadKubeconfig({ env: { HOME: home } }).cluster.server).toBe('https://home');
  });

  it('no kubeconfig at all is a clear error, never localhost:8080', () => {
    const home = tmp();
    const err = expectConfigError(() => loadKubeconfig({ env: { HOME: home } }));
    expect(err.message).toContain('no kubeconfig found');
    expect(err.message).toContain(join(home, '.kube', 'config'));
    expect(err.message).not.toContain('8080');
    const listErr = expectConfigError(() => loadKubeconfig({ env: { KUBECONFIG: `${join(home, 'x')}:${join(home, 'y')}` } }));
    expect(listErr.message).toContain('no kubeconfig found');
  });

  it('uses the in-cluster service account when there is no kubeconfig', () => {
    const sa = tmp();
    writeFileSync(join(sa, 'token'), `${SECRET}\n`);
    writeFileSync(join(sa, 'namespace'), 'istio-system');
    const env = { HOME: tmp(), KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' };
    const loaded = loadKubeconfig({ env }, undefined, sa);
    expect(loaded.cluster.server).toBe('https://10.0.0.1:443');
    expect(loaded.cluster.certificateAuthority).toBe(join(sa, 'ca.crt'));
    expect(loaded.user.token).toBe(SECRET);
    expect(loaded.context.namespace).toBe('istio-system');
  });

  it('an unknown --context lists the available ones', () => {
    const dir = tmp();
    const a = join(dir, 'a');
    writeFileSync(a, kubeconfig({ clusters: [['c', 'https://c']], users: [['u', 't']], contexts: [['prod', 'c', 'u'], ['dev', 'c', 'u']], current: 'dev' }));
    const err = expectConfigError(() => loadKubeconfig({ kubeconfig: a, context: 'staging', env: {} }));
    expect(err.message).toBe(`context "staging" not found in kubeconfig ${a} (available contexts: dev, prod)`);
  });

  it('a context pointing at an undefined cluster, or a cluster without server, is reported', () => {
    const dir = tmp();
    const a = join(dir, 'a');
    writeFileSync(a, kubeconfig({ users: [['u', 't']], contexts: [['x', 'ghost', 'u']], current: 'x' }));
    expect(expectConfigError(() => loadKubeconfig({ kubeconfig: a, env: {} })).message).toContain('refers to cluster "ghost"');
  });

  it('malformed YAML names the file and line, never the content', () => {
    const dir = tmp();
    const a = join(dir, 'a');
    writeFileSync(a, `users:\n- name: u\n  user:\n    token: ${SECRET}\n  bad: [unclosed\n`);
    const err = expectConfigError(() => loadKubeconfig({ kubeconfig: a, env: {} }));
    expect(err.message).toMatch(new RegExp(`^malformed kubeconfig ${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
    expect(err.message).not.toContain(SECRET);
    expect(JSON.stringify(err)).not.toContain(SECRET);
    expect(err.cause).toBeUndefined();
  });

  it('an unreadable file (a directory here) is named with the reason', () => {
    const dir = tmp();
    const err = expectConfigError(() => readKubeconfigs({ kind: 'files', paths: [dir], explicit: true, describe: '' }));
    expect(err.message).toBe(`cannot read kubeconfig ${dir}: is a directory, not a file`);
  });
});
