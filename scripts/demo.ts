/**
 * `npm run demo`: the main job end to end on the embedded default — sailctl's loopback Kubernetes API server,
 * a LOCAL STAND-IN FOR A CLUSTER (pods do not run; readiness is simulated). Starts it, runs each sailctl command
 * against it through the built binary, and stops it. Each step prints the command line and its output.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { streamStyle } from '../src/output/io.js';
import { startApiServer } from '../test/support/apiserver/index.js';
import { installIstioSimulation } from '../test/support/istio-sim/index.js';
import { seedInjectedApp } from '../test/support/istio-sim/demo-app.js';

const bin = fileURLToPath(new URL('../bin/sailctl.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'sailctl-demo-'));
// Bold titles follow sailctl's colour rules: a terminal, no NO_COLOR (FORCE_COLOR forces them).
const style = streamStyle(process.stdout, process.env);

interface Step {
  title: string;
  args: string[];
  /** Exit codes that are the expected outcome of this step. */
  expect?: number[];
  stdin?: string;
  /** Runs before the command (e.g. puts objects into the stand-in cluster); its lines are printed. */
  setup?: () => string[];
}

/** Runs the built binary without blocking: the loopback server lives in this process and must keep serving. */
function runBinary(argv: readonly string[], stdin: string | undefined): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { env: { ...process.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

async function runStep(kubeconfig: string, step: Step): Promise<boolean> {
  const argv = [...step.args, '--kubeconfig', kubeconfig];
  process.stdout.write(`\n${style.bold(`# ${step.title}`)}\n`);
  for (const line of step.setup?.() ?? []) process.stdout.write(`(demo) ${line}\n`);
  process.stdout.write(`$ sailctl ${step.args.join(' ')}\n`);
  const r = await runBinary(argv, step.stdin);
  if (r.stdout) process.stdout.write(r.stdout.length > 4000 ? `${r.stdout.slice(0, 4000)}\n… (${r.stdout.length} bytes in all)\n` : r.stdout);
  if (r.stderr) process.stdout.write(r.stderr);
  const ok = (step.expect ?? [0]).includes(r.status ?? -1);
  process.stdout.write(`${ok ? '✔' : '✖'} exit ${r.status}\n`);
  return ok;
}

/** The demo's steps, in order. Each issue's commands add theirs here. */
function steps(dir: string): Step[] {
  const app = join(dir, 'app.yaml');
  writeFileSync(
    app,
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: productpage, namespace: default, labels: {app: productpage, version: v1}}',
      'spec:',
      '  replicas: 1',
      '  selector: {matchLabels: {app: productpage}}',
      '  template:',
      '    metadata: {labels: {app: productpage, version: v1}}',
      '    spec:',
      '      containers:',
      '      - name: productpage',
      '        image: docker.io/istio/examples-bookinfo-productpage-v1:1.20.2',
      '        ports: [{containerPort: 9080}]',
      '',
    ].join('\n'),
  );
  const mesh = join(dir, 'mesh.yaml');
  writeFileSync(
    mesh,
    [
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      'metadata: {name: productpage, namespace: default}',
      'spec:',
      '  hosts: [productpage]',
      '  gateways: [mesh, bookinfo-gateway]',
      '  http:',
      '  - route: [{destination: {host: productpage, subset: v1}}]',
      '',
    ].join('\n'),
  );
  const policies = join(dir, 'policies.yaml');
  writeFileSync(
    policies,
    [
      'apiVersion: security.istio.io/v1',
      'kind: AuthorizationPolicy',
      'metadata: {name: ext-authz, namespace: default}',
      'spec:',
      '  action: CUSTOM',
      '  rules:',
      '  - from: [{source: {ipBlocks: [10.0.0.0/33]}}]',
      '',
    ].join('\n'),
  );
  return [
    { title: 'Client and cluster versions', args: ['version'] },
    { title: 'Install profiles', args: ['profile', 'list'] },
    { title: 'Render the demo profile offline, one file per component', args: ['manifest', 'generate', '--set', 'profile=demo', '-o', join(dir, 'manifests')] },
    { title: 'Analyze config files offline (a missing gateway and subset: exit 79)', args: ['analyze', '--use-kube=false', app, mesh], expect: [79] },
    { title: 'The same findings as SARIF for code scanning', args: ['analyze', '--use-kube=false', app, mesh, '-o', 'sarif'], expect: [79] },
    { title: 'Validate Istio resources and workloads against Istio\'s API offline (exit 0)', args: ['validate', '-f', app, '-f', mesh] },
    { title: 'Validate a policy: CUSTOM without a provider, a bad CIDR (exit 65)', args: ['validate', '-f', policies], expect: [65] },
    { title: 'Explain a message code', args: ['explain', 'IST0101'] },
    { title: 'Add the sidecar offline, as istiod would (YAML on stdout, report on stderr)', args: ['kube-inject', '-f', app] },
    { title: 'GitOps drift check: the file has no sidecar yet (exit 1)', args: ['kube-inject', '--check', '-f', app], expect: [1] },
    { title: 'Inject into a file, then check it is current', args: ['kube-inject', '-f', app, '-o', join(dir, 'app-injected.yaml')] },
    { title: 'The injected file is current (exit 0)', args: ['kube-inject', '--check', '-f', join(dir, 'app-injected.yaml'), '--report', 'json'] },
    { title: 'Take the sidecar out again', args: ['x', 'uninject', '-f', join(dir, 'app-injected.yaml')] },
    { title: 'Plan the demo install against the cluster (everything to create: exit 2)', args: ['plan', '--profile', 'demo'], expect: [2] },
    { title: 'Install the demo profile: CRDs, istiod, gateways; server-side apply, waits until ready', args: ['install', '--profile', 'demo', '-y', '--progress', 'plain'] },
    { title: 'Install again: nothing to change, nothing written', args: ['install', '--profile', 'demo', '-y', '--progress', 'plain'] },
    { title: 'Verify the install against the demo profile', args: ['verify-install', '--profile', 'demo'] },
    {
      title: 'Run the injected sample app, then the sync state of every proxy as the istiod replicas report it',
      args: ['proxy-status'],
      setup: () => seedInjectedApp(server, join(dir, 'app-injected.yaml')),
    },
    { title: 'Per xDS type: SYNCED / NOT SENT / STALE and the time since the last push', args: ['proxy-status', '-v', '1'] },
    { title: "One proxy: istiod's config against its Envoy's", args: ['proxy-status', 'productpage-7c9d8b6f5-demo0.default'] },
    { title: "The proxy's clusters, from Envoy's admin API through the API server", args: ['proxy-config', 'clusters', 'productpage-7c9d8b6f5-demo0.default'] },
    { title: 'Its listeners', args: ['proxy-config', 'listeners', 'productpage-7c9d8b6f5-demo0.default'] },
    { title: 'Its routes', args: ['proxy-config', 'routes', 'productpage-7c9d8b6f5-demo0.default'] },
    { title: 'Its endpoints and their health', args: ['proxy-config', 'endpoints', 'productpage-7c9d8b6f5-demo0.default'] },
    { title: 'Its certificates: names, serials, validity dates, never key material', args: ['proxy-config', 'secret', 'productpage-7c9d8b6f5-demo0.default'] },
    { title: 'Turn up one Envoy logger', args: ['proxy-config', 'log', 'productpage-7c9d8b6f5-demo0.default', '--level', 'http:debug'] },
    { title: 'Precheck an upgrade: Kubernetes version, permissions, existing revisions, alpha annotations', args: ['x', 'precheck'] },
    { title: 'Uninstall everything, CRDs included', args: ['uninstall', '--purge', '-y'] },
  ];
}

const server = await startApiServer({ readyDelayMs: 200 });
// The loopback server runs no istiod and no Envoy: the Istio simulation plays their parts (webhook caBundles,
// istiod's debug endpoints, Envoy admin APIs), reacting to what is installed.
installIstioSimulation(server);
process.stdout.write(
  'sailctl demo on the loopback Kubernetes API server: a local stand-in for a cluster, not a real one.\n' +
    `API server: ${server.url}\nkubeconfig: ${server.kubeconfigPath}\n`,
);
let failed = 0;
try {
  for (const step of steps(work)) if (!(await runStep(server.kubeconfigPath, step))) failed++;
} finally {
  await server.close();
}
process.stdout.write(failed === 0 ? '\nDemo finished: every step behaved as expected.\n' : `\nDemo finished with ${failed} unexpected step result(s).\n`);
process.exitCode = failed === 0 ? 0 : 1;
