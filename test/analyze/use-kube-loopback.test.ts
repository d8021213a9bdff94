/**
 * `analyze --use-kube` against the loopback Kubernetes API server (real HTTPS, discovery, paginated lists, the
 * Istio CRDs sailctl generates): cluster state, file overrides, listing only the kinds the analyzers read, and
 * Secret contents never printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { istioCrds } from '../../src/api/crds.js';
import type { KubeObject } from '../../src/kube/types.js';
import { startApiServer, type ApiServer } from '../support/apiserver/index.js';
import { runSailctl } from '../support/cli.js';

const ns = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const vs = (name: string, namespace: string, gateways: string[]): KubeObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, namespace },
  spec: { hosts: ['shop.example.com'], gateways, http: [{ route: [{ destination: { host: 'shop.example.com' } }] }] },
});
const SECRET_TEXT = 'c2VjcmV0LWNlcnQtZGF0YQ==';

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer({
    seed: [
      ...istioCrds(),
      ns('team-a'),
      ns('team-b'),
      vs('broken', 'team-a', ['missing-gw']),
      vs('elsewhere', 'team-b', ['also-missing']),
      vs('fine', 'team-a', ['web']),
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: { name: 'web', namespace: 'team-a' },
        spec: { servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] },
      },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls', namespace: 'team-a' }, type: 'kubernetes.io/tls', data: { 'tls.crt': SECRET_TEXT } },
    ],
  });
});
afterAll(async () => {
  await server.close();
});

const analyze = (args: string[], stdin?: string) => runSailctl(['-c', server.kubeconfigPath, 'analyze', '-o', 'json', ...args], { stdin });
type Found = Array<{ origin: string; code: string; file?: string; line?: number }>;

describe('analyze --use-kube against the loopback API server', () => {
  it('analyzes one namespace of the cluster, listing only the kinds the selected analyzer reads', async () => {
    server.clearRequests();
    const r = await analyze(['-n', 'team-a', '--analyzer', 'virtualservice.GatewayAnalyzer']);
    expect(r.exitCode, r.stderr).toBe(79);
    expect((JSON.parse(r.stdout) as Found).map((d) => [d.code, d.origin, d.file])).toEqual([['IST0101', 'VirtualService team-a/broken', undefined]]);
    const listed = new Set(server.requests.filter((q) => q.verb === 'list').map((q) => q.resource));
    expect([...listed].sort()).toEqual(['gateways', 'virtualservices']);
  });

  it('-A covers every namespace', async () => {
    const r = await analyze(['-A', '--analyzer', 'virtualservice.GatewayAnalyzer']);
    expect((JSON.parse(r.stdout) as Found).map((d) => d.origin)).toEqual(['VirtualService team-a/broken', 'VirtualService team-b/elsewhere']);
  });

  it('a file object replaces the cluster object of the same key, and its findings carry file positions', async () => {
    const fixed =
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: broken, namespace: team-a}\n' +
      'spec: {hosts: [shop.example.com], gateways: [nope], http: [{route: [{destination: {host: shop.example.com}}]}]}\n';
    const r = await analyze(['-n', 'team-a', '--analyzer', 'virtualservice.GatewayAnalyzer', '-'], fixed);
    expect((JSON.parse(r.stdout) as Found).map((d) => [d.origin, d.file, d.line])).toEqual([['VirtualService team-a/broken', '-', 4]]);
  });

  it('runs every analyzer over the whole cluster without printing Secret contents', async () => {
    const r = await analyze(['-A']);
    expect([0, 79]).toContain(r.exitCode);
    expect(r.stdout + r.stderr).not.toContain(SECRET_TEXT);
    expect(r.stdout + r.stderr).not.toContain('secret-cert-data');
  });
});
