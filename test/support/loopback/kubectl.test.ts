/** Interop with the real kubectl: the loopback server must be usable without --validate=false. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from './index.js';

const KUBECTL = '/usr/bin/kubectl';
const run = promisify(execFile);

describe.skipIf(!existsSync(KUBECTL))('real kubectl against the loopback server (skipped: /usr/bin/kubectl not found)', () => {
  let server: ApiServer;
  let dir: string;
  const kubectl = async (...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> => {
    try {
      const r = await run(KUBECTL, ['--kubeconfig', server.kubeconfigPath, ...args], { env: { ...process.env, HOME: dir, KUBECACHEDIR: join(dir, 'cache') } });
      return { ...r, code: 0 };
    } catch (e) {
      const err = e as { stdout: string; stderr: string; code: number };
      return { stdout: err.stdout, stderr: err.stderr, code: err.code };
    }
  };
  const file = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sailctl-kubectl-'));
    server = await startApiServer({ dir });
  });
  afterAll(async () => {
    await server.close();
  });

  it('reports the server version and lists namespaces', async () => {
    const v = await kubectl('version', '-o', 'json');
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout).serverVersion.gitVersion).toBe('v1.32.3');
    const ns = await kubectl('get', 'namespaces', '-o', 'name');
    expect(ns.stdout.trim().split('\n')).toEqual(['namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system']);
  });

  it('applies client-side (create, unchanged, configure) and server-side, gets and deletes', async () => {
    const ns = await kubectl('apply', '-f', file('ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n'));
    expect(ns.stderr).toBe('');
    expect(ns.stdout.trim()).toBe('namespace/shop created');
    const path = file('d.yaml', deployment(2));
    expect((await kubectl('apply', '-f', path)).stdout.trim()).toBe('deployment.apps/web created');
    expect((await kubectl('apply', '-f', path)).stdout.trim()).toBe('deployment.apps/web unchanged');
    const configured = await kubectl('apply', '-f', file('d3.yaml', deployment(3)));
    expect(configured.stdout.trim()).toBe('deployment.apps/web configured');
    const json = JSON.parse((await kubectl('get', 'deployment', 'web', '-n', 'shop', '-o', 'json')).stdout);
    expect(json.spec.replicas).toBe(3);
    expect(json.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain('"replicas":3');

    const ssa = await kubectl('apply', '--server-side', '--force-conflicts', '-f', file('d4.yaml', deployment(4)));
    expect(ssa.code).toBe(0);
    expect(ssa.stdout.trim()).toBe('deployment.apps/web serverside-applied');
    const clash = await kubectl('apply', '--server-side', '--field-manager', 'someone', '-f', file('d5.yaml', deployment(5)));
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toContain('conflict with "kubectl"');

    const table = await kubectl('get', 'deploy', '-n', 'shop');
    expect(table.stdout).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+/);

    const del = await kubectl('delete', '-f', path);
    expect(del.stdout.trim()).toBe('deployment.apps "web" deleted');
    const gone = await kubectl('get', 'deploy', 'web', '-n', 'shop');
    expect(gone.code).not.toBe(0);
    expect(gone.stderr.trim()).toBe('Error from server (NotFound): deployments.apps "web" not found');
  });

  it('gets CRDs and serves their custom resources', async () => {
    const crd = file('crd.yaml', `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget, shortNames: [wg]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [size]
            properties:
              size: {type: integer, minimum: 1}
`);
    expect((await kubectl('apply', '-f', crd)).stdout.trim()).toBe('customresourcedefinition.apiextensions.k8s.io/widgets.example.com created');
    const wait = await kubectl('wait', '--for=condition=Established', 'crd/widgets.example.com', '--timeout=10s');
    expect(wait.code).toBe(0);
    const list = await kubectl('get', 'crd');
    expect(list.stdout).toMatch(/NAME\s+CREATED AT\nwidgets\.example\.com\s+\d{4}-/);
    const ok = await kubectl('apply', '-f', file('w.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1, namespace: default}\nspec: {size: 2}\n'));
    expect(ok.stdout.trim()).toBe('widget.example.com/w1 created');
    const bad = await kubectl('apply', '-f', file('w2.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w2, namespace: default}\nspec: {size: 0}\n'));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('spec.size');
    expect((await kubectl('get', 'wg', '-o', 'name')).stdout.trim()).toBe('widget.example.com/w1');
  });
});
