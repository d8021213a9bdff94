/**
 * `sailctl proxy-config` against the API server with the Istio simulation: tables (golden), filters,
 * JSON/YAML, log levels, secrets without key material, bad input.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATED_CERT_PEM } from '../support/istio-sim/certificate.js';
import { runSailctl } from '../support/cli.js';
import { startSimCluster, type SimCluster } from '../support/istio-sim/cluster.js';
import { istiodPod, shopFixture } from '../support/istio-sim/fixtures.js';
import { expectGolden } from '../proxystatus/golden.js';

const POD = 'reviews-v1-5c8d7f9b6-fghij.shop';

describe('proxy-config', () => {
  let c: SimCluster;
  beforeAll(async () => {
    c = await startSimCluster([...shopFixture(), istiodPod('istiod-a')], { now: () => Date.parse('2027-03-01T10:00:00Z'), malformed: { configDump: ['ratings-v1-8b6d5c4f7-pqrst.shop'] } });
  });
  afterAll(() => c.close());
  const pc = (...argv: string[]) => runSailctl([...c.kubeconfigArgs, ...argv]);

  it.each([
    ['cluster', 'clusters'],
    ['listener', 'listeners'],
    ['route', 'routes'],
    ['endpoint', 'endpoints'],
    ['secret', 'secrets'],
  ])('%s table (golden)', async (type, file) => {
    const r = await pc('proxy-config', type, POD);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expectGolden(`pc-${file}.txt`, r.stdout, new URL('./golden/', import.meta.url));
  });

  it('aliases, -n and TYPE/NAME reach the same proxy', async () => {
    const a = await pc('pc', 'clusters', POD);
    const b = await pc('pc', 'c', 'reviews-v1-5c8d7f9b6-fghij', '-n', 'shop');
    const d = await pc('pc', 'cluster', 'deployment/reviews-v2.shop');
    expect(b.stdout).toBe(a.stdout);
    expect(d.exitCode).toBe(0);
    expect(d.stdout).toContain('reviews.shop.svc.cluster.local');
  });

  it('cluster filters: --fqdn (prefix), --port, --direction; DestinationRule subsets are listed', async () => {
    const r = await pc('pc', 'cluster', POD, '--fqdn', 'ratings', '--port', '3306');
    expect(r.stdout).toBe('SERVICE FQDN                     PORT   SUBSET   DIRECTION   TYPE   DESTINATION RULE\nratings.shop.svc.cluster.local   3306   -        outbound    EDS\n');
    const inbound = await pc('pc', 'cluster', POD, '--direction', 'inbound');
    expect(inbound.stdout.trim().split('\n').slice(1)).toEqual([expect.stringMatching(/^\s+9080\s+-\s+inbound\s+ORIGINAL_DST$/)]);
    const bad = await pc('pc', 'cluster', POD, '--direction', 'sideways');
    expect(bad.exitCode).toBe(64);
  });

  it('listener and route filters', async () => {
    const tcp = await pc('pc', 'listener', POD, '--type', 'tcp', '--port', '3306');
    expect(tcp.stdout).toMatch(/^ADDRESSES\s+PORT\s+MATCH\s+DESTINATION\n10\.96\.10\.3\s+3306\s+ALL\s+Cluster: outbound\|3306\|\|ratings\.shop\.svc\.cluster\.local\n$/);
    const route = await pc('pc', 'route', POD, '--name', '9080', '-o', 'json');
    const parsed = JSON.parse(route.stdout) as Array<{ name: string; virtualHosts: unknown[] }>;
    expect(parsed.map((r) => r.name)).toEqual(['9080']);
    expect(parsed[0]?.virtualHosts).toHaveLength(4);
  });

  it('endpoint filters', async () => {
    const r = await pc('pc', 'ep', POD, '--cluster', 'outbound|9080||reviews.shop.svc.cluster.local', '--status', 'healthy');
    expect(r.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['10.244.1.11:9080', '10.244.1.12:9080']);
  });

  it('-o json prints Envoy config in camelCase; -o yaml the same data', async () => {
    const json = await pc('pc', 'cluster', POD, '--fqdn', 'reviews.shop.svc.cluster.local', '-o', 'json');
    const clusters = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(clusters.map((x) => x.name)).toEqual(['outbound|9080||reviews.shop.svc.cluster.local', 'outbound|9080|v1|reviews.shop.svc.cluster.local', 'outbound|9080|v2|reviews.shop.svc.cluster.local']);
    expect(clusters[0]).toHaveProperty('edsClusterConfig');
    const v2 = JSON.parse((await pc('pc', 'cluster', POD, '--subset', 'v2', '-o', 'json')).stdout) as Array<Record<string, unknown>>;
    expect(v2.map((x) => x.name)).toEqual(['outbound|9080|v2|reviews.shop.svc.cluster.local']);
    const { parse } = await import('yaml');
    expect(parse((await pc('pc', 'cluster', POD, '--fqdn', 'reviews.shop.svc.cluster.local', '-o', 'yaml')).stdout)).toEqual(clusters);
  });

  it('secrets show names, serials and dates, never key material or certificate bodies', async () => {
    const certBody = SIMULATED_CERT_PEM.split('\n')[1] as string;
    const b64 = Buffer.from(SIMULATED_CERT_PEM).toString('base64').slice(0, 40);
    for (const argv of [['pc', 'secret', POD], ['pc', 'secret', POD, '-o', 'json'], ['pc', 'all', POD, '-o', 'json'], ['pc', 'all', POD, '-o', 'yaml'], ['pc', 'bootstrap', POD]]) {
      const r = await pc(...argv);
      expect(r.exitCode).toBe(0);
      for (const forbidden of ['[redacted]', 'W3JlZGFjdGVkXQ==', certBody, b64, 'PRIVATE KEY']) expect(r.stdout).not.toContain(forbidden);
    }
    const json = JSON.parse((await pc('pc', 'secret', POD, '-o', 'json')).stdout) as Array<Record<string, unknown>>;
    expect(json).toEqual([
      { name: 'default', type: 'Cert Chain', status: 'ACTIVE', valid: true, serial: '5a11c71d00000000000000000000abcd', notAfter: '2126-11-01T03:36:02Z', notBefore: '2026-11-25T03:36:02Z' },
      { name: 'ROOTCA', type: 'CA', status: 'ACTIVE', valid: true, serial: '5a11c71d00000000000000000000abcd', notAfter: '2126-11-01T03:36:02Z', notBefore: '2026-11-25T03:36:02Z' },
    ]);
  });

  it('all prints every table (each as its own golden), and with -o json every kind as its own command gives it; bootstrap prints the node', async () => {
    const all = await pc('pc', 'all', POD);
    expect(all.exitCode, all.stderr).toBe(0);
    const golden = (file: string) => readFileSync(new URL(`./golden/pc-${file}.txt`, import.meta.url), 'utf8');
    expect(all.stdout).toBe(['clusters', 'listeners', 'routes', 'endpoints', 'secrets'].map(golden).join('\n'));
    const json = async (...argv: string[]) => JSON.parse((await pc('pc', ...argv, POD, '-o', 'json')).stdout) as unknown;
    const [clusters, listeners, routes, endpoints, secrets] = await Promise.all(['cluster', 'listener', 'route', 'endpoint', 'secret'].map((t) => json(t)));
    expect(await json('all')).toEqual({ clusters, listeners, routes, endpoints, secrets });
    for (const kind of [clusters, listeners, routes, endpoints, secrets]) expect((kind as unknown[]).length).toBeGreaterThan(0);
    const boot = JSON.parse((await pc('pc', 'bootstrap', POD)).stdout) as { bootstrap: { node: { id: string } } };
    expect(boot.bootstrap.node.id).toBe('sidecar~10.244.1.11~reviews-v1-5c8d7f9b6-fghij.shop~shop.svc.cluster.local');
  });

  it('log: reads levels, sets them per logger or all at once, resets', async () => {
    const get = await pc('pc', 'log', POD, '-o', 'json');
    expect(JSON.parse(get.stdout)).toMatchObject({ http: 'warning', router: 'warning' });
    const set = await pc('pc', 'log', POD, '--level', 'http:debug,router:info', '-o', 'json');
    expect(JSON.parse(set.stdout)).toMatchObject({ http: 'debug', router: 'info', admin: 'warning' });
    const all = await pc('pc', 'log', POD, '--level', 'error', '-o', 'json');
    expect(Object.values(JSON.parse(all.stdout) as Record<string, string>).every((l) => l === 'error')).toBe(true);
    const reset = await pc('pc', 'log', POD, '--reset');
    expect(reset.stdout).toMatch(/^LOGGER\s+LEVEL\nadmin\s+warning\n/);
    for (const bad of ['loud', 'http:loud', 'http:debug:x', ':debug']) {
      const r = await pc('pc', 'log', POD, '--level', bad);
      expect(r.exitCode).toBe(64);
      expect(r.stderr).toMatch(/invalid --level/);
    }
  });

  it('unknown pod: 64 with similar names; a pod without sidecar: 64', async () => {
    const r = await pc('pc', 'cluster', 'productpage-v2.shop');
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toMatch(/pod "productpage-v2" not found in namespace shop\n.*similar names in namespace shop: productpage-v1-7d9b5c6f4-abcde/);
    const nsless = await pc('pc', 'cluster', 'nothing.empty-ns');
    expect(nsless.stderr).toMatch(/There are no pods in namespace empty-ns/);
    const istiod = await pc('pc', 'cluster', 'istiod-a.istio-system');
    expect(istiod.exitCode).toBe(64);
    expect(istiod.stderr).toMatch(/has no istio-proxy sidecar/);
  });

  it('a malformed config dump: 69 naming the pod, no stack', async () => {
    const r = await pc('pc', 'cluster', 'ratings-v1-8b6d5c4f7-pqrst.shop');
    expect(r.exitCode).toBe(69);
    expect(r.stderr).toMatch(/Envoy's config dump from pod shop\/ratings-v1-8b6d5c4f7-pqrst \(port 15000, \/config_dump\) is unreadable: malformed config dump: not JSON/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('pods/proxy forbidden: the port-forward fallback gives the same table', async () => {
    const direct = await pc('pc', 'cluster', POD);
    const undo = c.server.deny('get', 'pods', { subresource: 'proxy' });
    try {
      const r = await pc('pc', 'cluster', POD);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe(direct.stdout);
    } finally {
      undo();
    }
  });
});
