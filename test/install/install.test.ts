/** install / upgrade / plan against a cluster over HTTP (the real cluster port), in-process. */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { keyOf } from '../../src/install/refs.js';
import type { KubeObject } from '../../src/kube/types.js';
import { runSailctl } from '../support/cli.js';
import { startCluster, type TestCluster } from './cluster.js';

let cluster: TestCluster;
const sail = (...argv: string[]) => runSailctl([...argv, '--kubeconfig', cluster.kubeconfigPath]);

/**
 * The objects a profile installs, read from its reviewed golden render (test/fixtures/manifest/<profile>.yaml,
 * kept by test/manifest/golden.test.ts), not from the render() that install itself runs.
 */
function goldenKeys(profile: string): string[] {
  const text = readFileSync(new URL(`../fixtures/manifest/${profile}.yaml`, import.meta.url), 'utf8');
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null)
    .map((o) => keyOf(o))
    .sort();
}

// A new cluster for every test: each starts from an empty cluster.
beforeEach(async () => {
  cluster = await startCluster();
});
afterEach(async () => {
  await cluster?.close();
});

describe('install', () => {
  it('installs the demo profile: every object of its golden render, progress per component on stderr, nothing on stdout', async () => {
    const r = await sail('install', '--profile', 'demo', '-y');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/✔ CRDs installed: \d+ created\n/);
    expect(r.stderr).toContain('✔ Istiod installed: ');
    expect(r.stderr).toContain('✔ Ingress gateways installed: ');
    expect(r.stderr).toMatch(/Installation complete: \d+ created, 0 updated/);
    const expected = goldenKeys('demo');
    expect(expected).toHaveLength(44);
    expect(expected).toEqual(expect.arrayContaining(['apps/Deployment/istio-system/istiod', 'apps/Deployment/istio-system/istio-ingressgateway', 'apps/Deployment/istio-system/istio-egressgateway', '/Namespace//istio-system']));
    expect(cluster.objectKeys()).toEqual(expected);
    expect(r.stderr).toContain(`Installation complete: ${expected.length} created, 0 updated`);
    // Server-side apply with sailctl's field manager, for every write.
    expect(cluster.writes().every((w) => w.method === 'PATCH')).toBe(true);
  });

  it('refuses without -y when nobody can answer, and writes nothing', async () => {
    const r = await sail('install', '--profile', 'demo');
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toContain('pass -y');
    expect(cluster.writes()).toEqual([]);
  });

  it('re-running on an up-to-date cluster is a no-op: not a single write', async () => {
    await sail('install', '--profile', 'demo', '-y');
    cluster.clearRequests();
    const r = await sail('upgrade', '--profile', 'demo', '-y');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('already installed as rendered: nothing to change');
    expect(cluster.writes()).toEqual([]);
  });

  it('--dry-run sends every write as a server-side dry run and stores nothing', async () => {
    const r = await sail('install', '--profile', 'demo', '--dry-run');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('Dry run complete (nothing was changed)');
    const writes = cluster.writes();
    expect(writes.length).toBeGreaterThan(20);
    expect(writes.filter((w) => !w.dryRun)).toEqual([]);
    expect(cluster.objectKeys()).toEqual([]);
  });

  it('installs a second revision beside the first, and prunes what a new render no longer has', async () => {
    await sail('install', '--profile', 'demo', '-y');
    const canary = await sail('install', '--profile', 'minimal', '-r', 'canary', '-y');
    expect(canary.exitCode, canary.stderr).toBe(0);
    expect(cluster.get('apps/v1', 'Deployment', 'istiod-canary', 'istio-system')).toBeDefined();
    expect(cluster.get('apps/v1', 'Deployment', 'istiod', 'istio-system')).toBeDefined();

    const pruned = await sail('install', '--profile', 'demo', '--set', 'components.egressGateways[0].enabled=false', '-y');
    expect(pruned.exitCode, pruned.stderr).toBe(0);
    expect(pruned.stderr).toContain('pruned Deployment istio-system/istio-egressgateway');
    expect(cluster.get('apps/v1', 'Deployment', 'istio-egressgateway', 'istio-system')).toBeUndefined();
    // The canary revision is another install: not pruned.
    expect(cluster.get('apps/v1', 'Deployment', 'istiod-canary', 'istio-system')).toBeDefined();
  });

  it('progress as NDJSON events with --progress json', async () => {
    const r = await sail('install', '--profile', 'minimal', '-y', '--progress', 'json');
    expect(r.exitCode, r.stderr).toBe(0);
    const events = r.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { type: string; text: string });
    expect(events.filter((e) => e.type === 'start').map((e) => e.text.split(':')[0])).toEqual(['CRDs', 'Namespace', 'Istio core', 'Istiod']);
    expect(events.filter((e) => e.type === 'succeed')).toHaveLength(4);
    expect(cluster.objectKeys()).toEqual(goldenKeys('minimal'));
  });

  it('rolls back a fresh install when istiod does not become ready, and says why', async () => {
    cluster.keepUnready('istio-system', 'istiod', 'ImagePullBackOff');
    const r = await sail('install', '--profile', 'minimal', '-y', '--readiness-timeout', '2s');
    expect(r.exitCode).toBe(69);
    expect(r.stderr).toContain('install failed at Istiod: Istiod did not become ready within 2s');
    expect(r.stderr).toContain('ImagePullBackOff');
    expect(r.stderr).toMatch(/Rolled back: \d+ removed, 0 restored/);
    expect(cluster.objectKeys()).toEqual([]);
  });

  it('--no-rollback leaves what was applied and lists it', async () => {
    cluster.keepUnready('istio-system', 'istiod', 'CrashLoopBackOff');
    const r = await sail('install', '--profile', 'minimal', '-y', '--readiness-timeout', '1s', '--no-rollback');
    expect(r.exitCode).toBe(69);
    expect(r.stderr).toContain('Not rolled back (--no-rollback)');
    expect(cluster.get('apps/v1', 'Deployment', 'istiod', 'istio-system')).toBeDefined();
  });

  it('bad flags and bad values are usage and input errors, before any request', async () => {
    expect((await sail('install', '--profile', 'demo', '-y', '--readiness-timeout', 'soon')).exitCode).toBe(64);
    expect((await sail('install', '--profile', 'demo', '-y', '--progress', 'loud')).exitCode).toBe(64);
    const bad = await sail('install', '--profile', 'demo', '-y', '--set', 'values.global.noSuchField=1');
    expect(bad.exitCode).toBe(65);
    expect(cluster.writes()).toEqual([]);
  });
});

describe('plan', () => {
  it('on an empty cluster: everything to create, exit 2; a result, not an error', async () => {
    const r = await sail('plan', '--profile', 'demo');
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toContain('+ create Deployment istio-system/istiod');
    expect(r.stdout).toMatch(/\nPlan: \d+ to create, 0 to change, 0 to prune, 0 unchanged\n$/);
    // The text plan ends with its summary: nothing more to say on stderr, and no "Error:".
    expect(r.stderr).toBe('');
    const json = await sail('plan', '--profile', 'demo', '-o', 'json');
    expect(json.exitCode).toBe(2);
    expect(json.stderr).toMatch(/^Plan: \d+ to create, 0 to change, 0 to prune, 0 unchanged\n$/);
  });

  it('after install: no changes (exit 0); a changed setting shows the field, a disabled gateway the prune', async () => {
    await sail('install', '--profile', 'demo', '-y');
    const same = await sail('plan', '--profile', 'demo');
    expect(same.exitCode, same.stdout).toBe(0);
    expect(same.stderr).toContain('No changes');

    const changed = await sail('install', '--plan', '--profile', 'demo', '--set', 'values.pilot.env.EXTRA=on', '--set', 'components.egressGateways[0].enabled=false');
    expect(changed.exitCode).toBe(2);
    expect(changed.stdout).toContain('~ change Deployment istio-system/istiod');
    expect(changed.stdout).toContain('+ spec.template.spec.containers[name=discovery].env[name=EXTRA]: {"name":"EXTRA","value":"on"}');
    expect(changed.stdout).toContain('- prune  Deployment istio-system/istio-egressgateway');
    // Managed fields, status, resourceVersion and caBundles never show up.
    expect(changed.stdout).not.toMatch(/managedFields|resourceVersion|caBundle|status\./);

    const json = await sail('plan', '--profile', 'demo', '--set', 'values.pilot.env.EXTRA=on', '-o', 'json');
    const doc = JSON.parse(json.stdout) as { changes: boolean; change: Array<{ kind: string; name: string; changes: Array<{ path: string }> }> };
    expect(doc.changes).toBe(true);
    expect(doc.change.find((c) => c.kind === 'Deployment')?.changes.map((c) => c.path)).toEqual(['spec.template.spec.containers[name=discovery].env[name=EXTRA]']);
  });
});
