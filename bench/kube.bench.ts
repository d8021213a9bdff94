/**
 * The cluster port, end to end, against the loopback API server (HTTPS) holding 2000 injected pods:
 * `sailctl version` (discovery + two paginated lists) next to `kubectl get deployments,pods -A` making the
 * same two lists (when kubectl is installed) and `sailctl version --remote=false` (no cluster: what loading
 * the cluster port costs). Median of 9 interleaved runs. Also the in-process cost of listing 2000 pods in
 * pages of 500 vs 100, and how long the loopback API server takes to start (tests assert only what it does).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createKubeClient } from '../src/kube/client.js';
import { startApiServer } from '../test/support/apiserver/index.js';
import type { KubeObject } from '../src/kube/types.js';
import { median, ratio } from './measure.js';

const bin = fileURLToPath(new URL('../bin/sailctl.js', import.meta.url));

const pods: KubeObject[] = Array.from({ length: 2000 }, (_, i) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `app-${i}`, namespace: `ns-${i % 20}`, labels: { app: 'x', 'security.istio.io/tlsMode': 'istio' }, annotations: { 'sidecar.istio.io/status': '{}' } },
  spec: { containers: [{ name: 'app', image: 'app:1' }, { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.31.4' }] },
}));
const namespaces: KubeObject[] = ['istio-system', ...Array.from({ length: 20 }, (_, i) => `ns-${i}`)].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
const istiod: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'istiod', namespace: 'istio-system', labels: { app: 'istiod' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'istiod' } },
    template: { metadata: { labels: { app: 'istiod' } }, spec: { containers: [{ name: 'discovery', image: 'docker.io/istio/pilot:1.31.4' }] } },
  },
};

function hasKubectl(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('kubectl', ['version', '--client'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

/** Wall time of one run. Asynchronous, because the server answering it lives in this process. */
function timeProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(0, 300)}`));
      else resolve(Number(process.hrtime.bigint() - start) / 1e6);
    });
  });
}

async function interleaved(commands: Record<string, () => Promise<number>>, runs: number): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (const fn of Object.values(commands)) await fn(); // warm up
  for (let i = 0; i < runs; i++) for (const [name, fn] of Object.entries(commands)) samples[name]?.push(await fn());
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

/** Median start-up of an empty loopback API server (its TLS material is minted once per process, before). */
async function loopbackStart(): Promise<number> {
  await (await startApiServer()).close();
  const samples: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = process.hrtime.bigint();
    const s = await startApiServer();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    await s.close();
  }
  return median(samples);
}

export default async function kube(): Promise<void> {
  process.stdout.write(`${'loopback API server start'.padEnd(42)} ${(await loopbackStart()).toFixed(1).padStart(8)} ms\n`);
  const server = await startApiServer({ seed: [...namespaces, istiod, ...pods] });
  try {
    const env = { ...process.env, KUBECONFIG: server.kubeconfigPath, NO_COLOR: '1' };
    const commands: Record<string, () => Promise<number>> = {
      'sailctl version --remote=false': () => timeProcess(process.execPath, [bin, 'version', '--remote=false'], env),
      'sailctl version (2000 pods)': () => timeProcess(process.execPath, [bin, 'version'], env),
    };
    if (await hasKubectl()) {
      commands['kubectl get deploy,pods -A (same lists)'] = () =>
        timeProcess('kubectl', ['get', 'deployments,pods', '-A', '-o', 'name', '--chunk-size=500', `--kubeconfig=${server.kubeconfigPath}`], env);
    }
    const m = await interleaved(commands, 9);
    const kubectl = m['kubectl get deploy,pods -A (same lists)'];
    const reference = kubectl ?? m['sailctl version --remote=false'] ?? 1;
    for (const [name, ms] of Object.entries(m)) {
      process.stdout.write(`${name.padEnd(42)} ${ms.toFixed(1).padStart(8)} ms   ratio vs ${kubectl ? 'kubectl' : '--remote=false'} ${ratio(ms, reference)}\n`);
    }

    const client = await createKubeClient({ kubeconfig: server.kubeconfigPath, timeoutMs: 10_000, env: {} });
    const timeList = async (pageSize: number) => {
      const samples: number[] = [];
      for (let i = 0; i < 9; i++) {
        const start = process.hrtime.bigint();
        await client.list('v1', 'Pod', { pageSize });
        samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      return median(samples);
    };
    const p500 = await timeList(500);
    const p100 = await timeList(100);
    process.stdout.write(`${'in-process list 2000 pods, pages of 500'.padEnd(42)} ${p500.toFixed(1).padStart(8)} ms\n`);
    process.stdout.write(`${'in-process list 2000 pods, pages of 100'.padEnd(42)} ${p100.toFixed(1).padStart(8)} ms   ratio ${ratio(p100, p500)}\n`);
    client.close();
  } finally {
    await server.close();
  }
}
