/**
 * `sailctl version` in-process against a scripted API server: the request it makes (label selectors), the output
 * formats (long and istioctl's short text, json, yaml), and what happens when the cluster cannot be reached.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runSailctl } from '../../test/support/cli.js';
import { json, startTinyServer, type TinyServer } from '../../test/support/tiny-server.js';
import { CLIENT_VERSION } from '../release.js';

const istiod = (rev: string | undefined, tag: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: rev ? `istiod-${rev}` : 'istiod', namespace: 'istio-system', labels: { app: 'istiod', ...(rev ? { 'istio.io/rev': rev } : {}) } },
  spec: { template: { spec: { containers: [{ name: 'discovery', image: `docker.io/istio/pilot:${tag}` }] } } },
});
const pod = (name: string, tag: string, rev?: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { 'security.istio.io/tlsMode': 'istio', ...(rev ? { 'istio.io/rev': rev } : {}) }, annotations: { 'sidecar.istio.io/status': '{}' } },
  spec: { containers: [{ name: 'app', image: 'shop:1' }, { name: 'istio-proxy', image: `docker.io/istio/proxyv2:${tag}` }] },
});

let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function cluster(controlPlane = [istiod(undefined, '1.31.4'), istiod('canary', '1.32.0')]) {
  server = await startTinyServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const selector = url.searchParams.get('labelSelector') ?? '';
    if (url.pathname === '/apis/apps/v1/deployments') {
      const all = controlPlane;
      const rev = /istio\.io\/rev=([^,]+)/.exec(selector)?.[1];
      return json(res, { metadata: { resourceVersion: '3' }, items: all.filter((d) => !rev || d.metadata.labels['istio.io/rev'] === rev) });
    }
    if (url.pathname === '/api/v1/pods') {
      return json(res, { metadata: { resourceVersion: '3' }, items: [pod('a', '1.31.4'), pod('b', '1.31.4'), pod('c', '1.32.0', 'canary')] });
    }
  });
  return { KUBECONFIG: server.kubeconfigPath };
}

describe('sailctl version against a cluster', () => {
  it('text: client, each control-plane revision and the data-plane versions', async () => {
    const r = await runSailctl(['version'], { env: await cluster() });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      [
        `client version: ${CLIENT_VERSION} (Istio API 1.32, installs Istio 1.31.4)`,
        'control plane version: 1.32.0 (revision canary, namespace istio-system)',
        'control plane version: 1.31.4 (revision default, namespace istio-system)',
        'data plane version: 1.31.4 (2 proxies, revision default)',
        'data plane version: 1.32.0 (1 proxy, revision canary)',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    const lists = server?.calls().map((c) => decodeURIComponent(c.url));
    expect(lists).toEqual(
      expect.arrayContaining(['/apis/apps/v1/deployments?limit=500&labelSelector=app=istiod', '/api/v1/pods?limit=500&labelSelector=security.istio.io/tlsMode']),
    );
  });

  it('-s/--short as istioctl: client, control plane and data plane in one line each (-o short is the same)', async () => {
    const env = await cluster();
    for (const flags of [['-s'], ['--short'], ['-o', 'short']]) {
      const r = await runSailctl(['version', ...flags, '-r', 'canary'], { env });
      expect([r.exitCode, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toBe(`client version: ${CLIENT_VERSION}\ncontrol plane version: 1.32.0\ndata plane version: 1.32.0 (1 proxies)\n`);
    }
    // Revisions on different versions: one istiod line each, as istioctl; proxies counted per version.
    const all = await runSailctl(['version', '-s'], { env });
    expect(all.stdout).toBe(
      `client version: ${CLIENT_VERSION}\nistiod version: 1.32.0\nistiod version: 1.31.4\ndata plane version: 1.31.4 (2 proxies), 1.32.0 (1 proxies)\n`,
    );
  });

  it('--short with no istiod in the cluster: the bare client version, and stderr says Istio is not there', async () => {
    const r = await runSailctl(['version', '--short'], { env: await cluster([]) });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([0, `${CLIENT_VERSION}\n`, 'Istio is not present in the cluster: no istiod Deployment found\n']);
    expect((await runSailctl(['version', '--short', '--remote=false'], { env: {} })).stdout).toBe(`${CLIENT_VERSION}\n`);
  });

  it('json and yaml carry the same document', async () => {
    const env = await cluster();
    const j = await runSailctl(['version', '-o', 'json'], { env });
    const y = await runSailctl(['version', '-o', 'yaml'], { env });
    expect(j.exitCode).toBe(0);
    const doc = JSON.parse(j.stdout);
    expect(parse(y.stdout)).toEqual(doc);
    expect(doc.clientVersion.version).toBe(CLIENT_VERSION);
    expect(doc.meshVersion.map((m: { revision: string; version: string }) => `${m.revision}=${m.version}`)).toEqual(['canary=1.32.0', 'default=1.31.4']);
    expect(doc.dataPlaneVersion).toEqual([
      { version: '1.31.4', revision: 'default', proxies: 2 },
      { version: '1.32.0', revision: 'canary', proxies: 1 },
    ]);
  });

  it('unreachable cluster, as istioctl: the client version on stdout, one line on stderr saying why, exit 0', async () => {
    const env = await cluster();
    const url = server?.url;
    await server?.close();
    server = undefined;
    const why = `Control plane version unavailable: cannot reach the Kubernetes API server at ${url} (context "tiny-context"): connection refused\n`;
    for (const output of ['text', 'json', 'yaml']) {
      const r = await runSailctl(['version', '-o', output], { env });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain(CLIENT_VERSION);
      expect(r.stdout).not.toMatch(/control plane|meshVersion|dataPlane/);
      expect(r.stderr).toBe(why);
    }
    const short = await runSailctl(['version', '-s'], { env });
    expect([short.exitCode, short.stdout, short.stderr]).toEqual([0, `${CLIENT_VERSION}\n`, why]);
  });

  it('no kubeconfig at all: exit 0, and the reason names it', async () => {
    const r = await runSailctl(['version'], { env: { HOME: '/nonexistent-sailctl-home' } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^client version: \S+ /);
    expect(r.stderr).toMatch(/^Control plane version unavailable: no kubeconfig found[^\n]*\n$/);
  });

  it('a malformed client-key-data: the client version, then exit 78 naming the field and never its value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-version-'));
    const kubeconfig = join(dir, 'config');
    const secret = Buffer.from('secret-key-bytes').toString('base64');
    writeFileSync(
      kubeconfig,
      `clusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:9'}\nusers:\n- name: u\n  user: {client-key-data: ${secret}}\n` +
        `contexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n`,
    );
    const r = await runSailctl(['version'], { env: { KUBECONFIG: kubeconfig } });
    expect(r.exitCode).toBe(78);
    expect(r.stdout).toMatch(/^client version: /);
    expect(r.stderr).toBe('Error: kubeconfig user "u": client-key-data is not a valid base64-encoded PEM private key\n');
  });
});
