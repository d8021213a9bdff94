/** `analyze --remote-contexts`: two loopback clusters in one kubeconfig list; a Service that differs is IST0170. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/kube/types.js';
import { startApiServer, type ApiServer } from '../support/apiserver/index.js';
import { runSailctl } from '../support/cli.js';

const svc = (name: string, port: number): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'shop' },
  spec: { selector: { app: name }, ports: [{ name: 'http', port }] },
});
const shop: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };

let east: ApiServer;
let west: ApiServer;
let kubeconfigs: string;
beforeAll(async () => {
  east = await startApiServer({ seed: [shop, svc('ratings', 9080), svc('reviews', 9080)] });
  west = await startApiServer({ seed: [shop, svc('ratings', 9080), svc('reviews', 8080)] });
  const dir = mkdtempSync(join(tmpdir(), 'sailctl-multicluster-'));
  // Each server writes cluster/context "sailctl-loopback" and user "sailctl-test"; rename them so one KUBECONFIG
  // list holds both (kubectl semantics: the first definition of a name wins).
  const renamed = (server: ApiServer, name: string) => {
    const file = join(dir, `${name}.kubeconfig`);
    writeFileSync(file, readFileSync(server.kubeconfigPath, 'utf8').replaceAll('sailctl-loopback', name).replaceAll('sailctl-test', `${name}-user`));
    return file;
  };
  kubeconfigs = [renamed(east, 'east'), renamed(west, 'west')].join(':');
});
afterAll(async () => {
  await Promise.all([east.close(), west.close()]);
});

describe('analyze --remote-contexts', () => {
  it('compares each Service with the other clusters and reports the one that differs', async () => {
    const r = await runSailctl(['analyze', '-n', 'shop', '--remote-contexts', 'west', '--analyzer', 'multicluster', '-o', 'json'], { env: { KUBECONFIG: kubeconfigs } });
    expect(r.exitCode, r.stderr).toBe(0); // IST0170 is a Warning: below the default failure threshold
    const found = JSON.parse(r.stdout) as Array<{ code: string; origin: string; message: string }>;
    expect(found.map((d) => [d.code, d.origin])).toEqual([['IST0170', 'Service shop/reviews']]);
    expect(found[0]?.message).toContain('[west]');
  });

  it('without remote contexts there is nothing to compare', async () => {
    const r = await runSailctl(['analyze', '-n', 'shop', '--analyzer', 'multicluster', '-o', 'json'], { env: { KUBECONFIG: kubeconfigs } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});
