/**
 * The cluster port, end to end: `sailctl version` (discovery + two paginated lists) against a local scripted
 * API server holding 2000 pods, next to `sailctl version --remote=false` (what loading the cluster port
 * costs). Median of 9 interleaved runs. Also the in-process cost of listing 2000 pods in pages of 500 vs 100.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createKubeClient } from '../src/kube/client.js';
import { json, startTinyServer } from '../test/support/tiny-server.js';
import { median, ratio } from './measure.js';

const bin = fileURLToPath(new URL('../bin/sailctl.js', import.meta.url));

const pods = Array.from({ length: 2000 }, (_, i) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `app-${i}`, namespace: `ns-${i % 20}`, resourceVersion: String(i + 1), labels: { app: 'x', 'security.istio.io/tlsMode': 'istio' }, annotations: { 'sidecar.istio.io/status': '{}' } },
  spec: { containers: [{ name: 'app', image: 'app:1' }, { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.31.4' }] },
}));
const istiod = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'istiod', namespace: 'istio-system', labels: { app: 'istiod' }, resourceVersion: '1' },
  spec: { template: { spec: { containers: [{ name: 'discovery', image: 'docker.io/istio/pilot:1.31.4' }] } } },
};

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

export default async function kube(): Promise<void> {
  const server = await startTinyServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const isList = url.pathname === '/api/v1/pods' || url.pathname === '/apis/apps/v1/deployments';
    if (!isList) return;
    if (url.pathname === '/apis/apps/v1/deployments') return json(res, { kind: 'DeploymentList', metadata: { resourceVersion: '9' }, items: [istiod] });
    const limit = Number(url.searchParams.get('limit') || pods.length);
    const from = Number(url.searchParams.get('continue') || 0);
    const next = from + limit < pods.length ? String(from + limit) : undefined;
    return json(res, { kind: 'PodList', metadata: { resourceVersion: '9', ...(next ? { continue: next } : {}) }, items: pods.slice(from, from + limit) });
  });
  try {
    const env = { ...process.env, KUBECONFIG: server.kubeconfigPath, NO_COLOR: '1' };
    const commands: Record<string, () => Promise<number>> = {
      'sailctl version --remote=false': () => timeProcess(process.execPath, [bin, 'version', '--remote=false'], env),
      'sailctl version (2000 pods)': () => timeProcess(process.execPath, [bin, 'version'], env),
    };
    const m = await interleaved(commands, 9);
    const reference = m['sailctl version --remote=false'] ?? 1;
    for (const [name, ms] of Object.entries(m)) {
      process.stdout.write(`${name.padEnd(42)} ${ms.toFixed(1).padStart(8)} ms   ratio vs --remote=false ${ratio(ms, reference)}\n`);
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
