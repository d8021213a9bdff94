/** The built binary: proxy-status / proxy-config / precheck exit codes and the stdout/stderr split. */
import { execa } from 'execa';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { startSimCluster, type SimCluster } from '../support/istio-sim/cluster.js';
import { istiodPod, shopFixture } from '../support/istio-sim/fixtures.js';

const bin = fileURLToPath(new URL('../../bin/sailctl.js', import.meta.url));
let c: SimCluster;
afterEach(() => c.close());

const sailctl = (args: string[]) =>
  execa(process.execPath, [bin, ...c.kubeconfigArgs, ...args], {
    reject: false,
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '', HOME: mkdtempSync(join(tmpdir(), 'sailctl-home-')), NO_COLOR: '1' },
  });

it('proxy-status: table on stdout, nothing on stderr, exit 0; precheck passes', async () => {
  c = await startSimCluster([...shopFixture(), istiodPod('istiod-a')]);
  const r = await sailctl(['proxy-status']);
  expect(r.exitCode).toBe(0);
  expect(r.stdout.split('\n')[0]).toMatch(/^NAME\s+CLUSTER\s+ISTIOD\s+VERSION\s+SUBSCRIBED TYPES$/);
  expect(r.stderr).toBe('');
  const pc = await sailctl(['pc', 'secret', 'reviews-v1-5c8d7f9b6-fghij.shop', '-o', 'json']);
  expect(pc.exitCode).toBe(0);
  expect(JSON.parse(pc.stdout)).toHaveLength(2);
  const pre = await sailctl(['x', 'precheck']);
  expect(pre.exitCode).toBe(0);
  expect(pre.stdout).toBe('');
});

it('no istiod: exit 69, message on stderr only, no stack', async () => {
  c = await startSimCluster(shopFixture());
  const r = await sailctl(['ps', '-o', 'json']);
  expect(r.exitCode).toBe(69);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/no istiod pod found in namespace istio-system/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  const unknown = await sailctl(['pc', 'routes', 'nope.shop']);
  expect(unknown.exitCode).toBe(64);
});
