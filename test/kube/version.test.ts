/**
 * `sailctl version` end to end (in-process) against the loopback API server: an istiod Deployment per
 * revision and injected pods seeded into the store; text, short, json and yaml outputs; a 403 on pods.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLIENT_VERSION } from '../../src/release.js';
import type { KubeObject } from '../../src/kube/types.js';
import { runSailctl } from '../support/cli.js';
import { startApiServer, type ApiServer } from '../support/apiserver/index.js';

const istiod = (rev: string | undefined, tag: string): KubeObject => {
  const labels = { app: 'istiod', ...(rev ? { 'istio.io/rev': rev } : {}) };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: rev ? `istiod-${rev}` : 'istiod', namespace: 'istio-system', labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'discovery', image: `docker.io/istio/pilot:${tag}` }] } },
    },
  };
};

const injected = (name: string, tag: string, rev?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'shop',
    labels: { app: 'shop', 'security.istio.io/tlsMode': 'istio', ...(rev ? { 'istio.io/rev': rev } : {}) },
    annotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' },
  },
  spec: { containers: [{ name: 'shop', image: 'shop:1' }, { name: 'istio-proxy', image: `docker.io/istio/proxyv2:${tag}` }] },
});

const plain: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'plain', namespace: 'shop', labels: { app: 'x' } }, spec: { containers: [{ name: 'x', image: 'x:1' }] } };

let api: ApiServer;
let env: Record<string, string>;

beforeAll(async () => {
  api = await startApiServer({
    seed: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      istiod(undefined, '1.31.4'),
      istiod('canary', '1.32.0'),
      injected('a', '1.31.4'),
      injected('b', '1.31.4'),
      injected('c', '1.32.0', 'canary'),
      plain,
    ],
  });
  env = { KUBECONFIG: api.kubeconfigPath };
});
afterAll(async () => {
  await api?.close();
});

describe('sailctl version against the loopback API server', () => {
  it('text', async () => {
    const r = await runSailctl(['version'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
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
  });

  it('short, and --revision', async () => {
    expect((await runSailctl(['version', '--short'], { env })).stdout).toBe(
      `client version: ${CLIENT_VERSION}\nistiod version: 1.32.0\nistiod version: 1.31.4\ndata plane version: 1.31.4 (2 proxies), 1.32.0 (1 proxies)\n`,
    );
    expect((await runSailctl(['version', '-s', '-r', 'canary'], { env })).stdout).toBe(
      `client version: ${CLIENT_VERSION}\ncontrol plane version: 1.32.0\ndata plane version: 1.32.0 (1 proxies)\n`,
    );
  });

  it('json and yaml', async () => {
    const j = await runSailctl(['version', '-o', 'json'], { env });
    const y = await runSailctl(['version', '-o', 'yaml'], { env });
    expect([j.exitCode, y.exitCode]).toEqual([0, 0]);
    const doc = JSON.parse(j.stdout);
    expect(parse(y.stdout)).toEqual(doc);
    expect(doc).toEqual({
      clientVersion: { version: CLIENT_VERSION, istioApi: '1.32', defaultIstioTag: '1.31.4' },
      meshVersion: [
        { component: 'istiod', revision: 'canary', namespace: 'istio-system', version: '1.32.0', image: 'docker.io/istio/pilot:1.32.0' },
        { component: 'istiod', revision: 'default', namespace: 'istio-system', version: '1.31.4', image: 'docker.io/istio/pilot:1.31.4' },
      ],
      dataPlaneVersion: [
        { version: '1.31.4', revision: 'default', proxies: 2 },
        { version: '1.32.0', revision: 'canary', proxies: 1 },
      ],
    });
  });

  it('-v 6 logs the requests; a 403 on pods leaves the remote versions out (exit 0), naming verb and resource; the token is never printed', async () => {
    const undo = api.deny('list', 'pods');
    try {
      const r = await runSailctl(['version', '-v', '6'], { env });
      expect(r.exitCode).toBe(0);
      expect(r.stderr).toMatch(/^GET \/apis\/apps\/v1\/deployments\?limit=500&labelSelector=app%3Distiod 200 \d+ms$/m);
      expect(r.stderr).toContain('Control plane version unavailable: forbidden: cannot list pods (context "sailctl-loopback")\n');
      expect(r.stdout).toMatch(/^client version: /);
      expect(r.stdout + r.stderr).not.toContain(api.token);
    } finally {
      undo();
    }
  });
});
