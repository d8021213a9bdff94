/**
 * The real control-plane tier: sailctl against a real kube-apiserver + etcd + kube-controller-manager (built from
 * Go modules), the judge of API semantics. kubectl is used as an independent client. The simulated node and
 * Istio (test/support/realcluster) are clients of the same server. Tests run in order on one cluster.
 */
import { execa } from 'execa';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { runSailctl } from '../support/cli.js';
import { corpus } from '../validators/corpus.js';
import { realTier, useRealCluster } from '../support/realcluster/tier.js';

const KUBECTL = '/usr/bin/kubectl';
const tier = realTier('real control-plane tier (test/real/cluster.test.ts)');

describe.sequential('sailctl on a real kube-apiserver', () => {
  const real = useRealCluster();
  const sailctl = (...args: string[]) => runSailctl([...args, '--kubeconfig', real.get().kubeconfigPath]);
  const kubectl = (args: string[], input?: string) => execa(KUBECTL, ['--kubeconfig', real.get().kubeconfigPath, ...args], { reject: false, ...(input !== undefined ? { input } : {}) });

  tier.it('is a real Kubernetes v1.34+ API server that kubectl reads', async () => {
    const r = await kubectl(['version', '-o', 'json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const server = (JSON.parse(r.stdout) as { serverVersion: { major: string; minor: string; gitVersion: string } }).serverVersion;
    expect(Number(server.major)).toBe(1);
    expect(Number.parseInt(server.minor, 10)).toBeGreaterThanOrEqual(34);
    expect(server.gitVersion).toBe(real.get().version);
    const ns = await kubectl(['get', 'namespaces', '-o', 'name']);
    expect(ns.stdout.split('\n')).toEqual(expect.arrayContaining(['namespace/default', 'namespace/kube-system']));
  });

  tier.it('x precheck passes on an empty cluster (Kubernetes version and permissions, as the server answers them)', async () => {
    const r = await sailctl('x', 'precheck');
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
  });

  tier.it("accepts every profile's manifest in a server-side dry run (CRDs, RBAC, webhooks, workloads)", async () => {
    const profiles = (await runSailctl(['profile', 'list', '-o', 'json'])).stdout;
    const names = (JSON.parse(profiles) as Array<{ name: string } | string>).map((p) => (typeof p === 'string' ? p : p.name));
    expect(names).toEqual(expect.arrayContaining(['default', 'demo', 'minimal', 'ambient']));
    await kubectl(['create', 'namespace', 'istio-system']);
    for (const profile of names) {
      const manifest = await runSailctl(['manifest', 'generate', '--set', `profile=${profile}`]);
      expect(manifest.exitCode, manifest.stderr).toBe(0);
      if (!manifest.stdout.trim()) continue; // the empty profile renders nothing
      const r = await kubectl(['apply', '--server-side', '--field-manager', 'sailctl-dry-run', '--dry-run=server', '-f', '-'], manifest.stdout);
      expect(r.exitCode, `profile ${profile}:\n${r.stderr}`).toBe(0);
    }
    await kubectl(['delete', 'namespace', 'istio-system', '--wait=false']);
  }, 240_000);

  tier.it('installs the demo profile; verify-install, plan, analyze -A and proxy-status agree with the server', async () => {
    const install = await sailctl('install', '--profile', 'demo', '-y', '--progress', 'plain');
    expect(install.exitCode, install.stderr).toBe(0);
    const verify = await sailctl('verify-install', '--profile', 'demo');
    expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
    const plan = await sailctl('plan', '--profile', 'demo');
    expect(plan.exitCode, plan.stdout).toBe(0);
    expect((await sailctl('plan', '--profile', 'demo', '--set', 'values.pilot.env.EXTRA=1')).exitCode).toBe(2);
    // The controllers that made the pods are the real ones: ReplicaSets own them.
    const owners = await kubectl(['get', 'pods', '-n', 'istio-system', '-l', 'app=istiod', '-o', 'jsonpath={.items[*].metadata.ownerReferences[0].kind}']);
    expect(owners.stdout.split(' ')).toContain('ReplicaSet');
    const ps = await sailctl('proxy-status');
    expect(ps.exitCode, ps.stderr).toBe(0);
    expect(ps.stdout).toMatch(/istio-ingressgateway-\S+\.istio-system/);
    const analyze = await sailctl('analyze', '-A', '-o', 'json');
    expect([0, 79], analyze.stderr).toContain(analyze.exitCode);
    JSON.parse(analyze.stdout);
  }, 300_000);

  tier.it('rejects an invalid VirtualService through the CRD schema sailctl installed', async () => {
    await kubectl(['create', 'namespace', 'corpus']);
    const bad = ['apiVersion: networking.istio.io/v1', 'kind: VirtualService', 'metadata: {name: bad, namespace: corpus}', 'spec:', '  hosts: reviews', '  http: [{route: [{destination: {host: reviews}}], timeoutSeconds: 5}]', ''].join('\n');
    const r = await kubectl(['apply', '-f', '-'], bad);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(/spec\.hosts|timeoutSeconds/);
    const good = bad.replace('hosts: reviews', 'hosts: [reviews]').replace(', timeoutSeconds: 5', '');
    const ok = await kubectl(['apply', '-f', '-'], good);
    expect(ok.exitCode, ok.stderr).toBe(0);
    // Admission went to the simulated istiod's validating webhook over the simulated cluster network.
    expect(real.get().istio?.admissions['/validate'] ?? 0).toBeGreaterThan(0);
  });

  tier.it('sailctl validate and the API server agree on the validation corpus, except the listed webhook-only rules', async () => {
    const rows: string[] = [];
    const mismatches: string[] = [];
    for (const c of corpus()) {
      const mine = (await runSailctl(['validate', '-f', c.path])).exitCode === 0 ? 'accept' : 'reject';
      const server = await kubectl(['create', '--dry-run=server', '-f', c.path]);
      const theirs = server.exitCode === 0 ? 'accept' : 'reject';
      const expected = c.expect === 'valid' ? ['accept', 'accept'] : c.expect === 'schema' ? ['reject', 'reject'] : ['reject', 'accept'];
      rows.push(`${c.file.padEnd(56)} sailctl=${mine} server=${theirs}${c.why ? `  (listed: ${c.why})` : ''}`);
      if (mine !== expected[0] || theirs !== expected[1]) mismatches.push(`${c.file}: sailctl ${mine}, server ${theirs}, expected ${expected.join('/')}\n${server.stderr}`);
    }
    process.stdout.write(`validation corpus, sailctl vs kube-apiserver:\n${rows.join('\n')}\n`);
    expect(mismatches).toEqual([]);
  }, 120_000);

  tier.it("kube-inject's output is accepted by the server (dry run)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-real-inject-'));
    const app = join(dir, 'app.yaml');
    writeFileSync(app, ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: productpage, namespace: corpus}', 'spec:', '  selector: {matchLabels: {app: productpage}}', '  template:', '    metadata: {labels: {app: productpage}}', '    spec:', '      containers:', '      - {name: productpage, image: docker.io/istio/examples-bookinfo-productpage-v1:1.20.2, ports: [{containerPort: 9080}]}', ''].join('\n'));
    const injected = await runSailctl(['kube-inject', '-f', app]);
    expect(injected.exitCode, injected.stderr).toBe(0);
    expect(injected.stdout).toContain('istio-proxy');
    const r = await kubectl(['apply', '--dry-run=server', '-f', '-'], injected.stdout);
    rmSync(dir, { recursive: true, force: true });
    expect(r.exitCode, r.stderr).toBe(0);
  });

  tier.it('uninstall --revision removes the revision and keeps the CRDs; --purge removes everything', async () => {
    const rev = await sailctl('uninstall', '--revision', 'default', '-y');
    expect(rev.exitCode, rev.stderr).toBe(0);
    const deployments = await kubectl(['get', 'deploy', '-n', 'istio-system', '-o', 'name']);
    expect(deployments.stdout).not.toContain('istiod');
    expect((await kubectl(['get', 'crd', 'virtualservices.networking.istio.io', '-o', 'name'])).exitCode).toBe(0);
    const r = await sailctl('uninstall', '--purge', '-y');
    expect(r.exitCode, r.stderr).toBe(0);
    const verify = await sailctl('verify-install');
    expect(verify.exitCode).toBe(80);
    // CRD deletion is asynchronous on a real server (the customresourcecleanup finalizer): wait for it.
    const deadline = Date.now() + 60_000;
    let crds = await kubectl(['get', 'crd', '-o', 'name']);
    while (crds.stdout.includes('istio.io') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      crds = await kubectl(['get', 'crd', '-o', 'name']);
    }
    expect(crds.stdout).not.toContain('istio.io');
    // Controller-made Endpoints carry the install's labels but are the endpoints controller's: never removed by sailctl.
    expect(r.stdout + r.stderr).not.toMatch(/removed Endpoints/);
  }, 120_000);
});
