/**
 * `sailctl proxy-status` (the built binary, so startup is included) against the API server with the Istio
 * simulation: 500 proxies over 3 istiod replicas with 20 ms latency on every API request, next to 50 proxies
 * and next to no latency, median of 5 interleaved runs. Prints the time and the number of API requests made
 * (which must not grow with the number of proxies). Target: 500 proxies at 20 ms <= 1.5 s.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSimCluster, type SimCluster } from '../test/support/istio-sim/cluster.js';
import { istiodPod, manyProxies } from '../test/support/istio-sim/fixtures.js';
import { median, ratio } from './measure.js';

const bin = fileURLToPath(new URL('../bin/sailctl.js', import.meta.url));

function run(c: SimCluster): Promise<{ ms: number; lines: number }> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '--kubeconfig', c.server.kubeconfigPath, 'proxy-status'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KUBECONFIG: '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`proxy-status exited ${code}: ${err.slice(0, 300)}`));
      else resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, lines: out.trim().split('\n').length - 1 });
    });
  });
}

async function cluster(proxies: number, latencyMs: number): Promise<SimCluster> {
  const c = await startSimCluster([
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } },
    ...manyProxies(proxies, 20),
    istiodPod('istiod-7c4f9-a1b2c'),
    istiodPod('istiod-7c4f9-d3e4f'),
    istiodPod('istiod-7c4f9-g5h6i'),
  ]);
  if (latencyMs > 0) c.server.faults.add({ latencyMs });
  return c;
}

export default async function proxyStatusBench(): Promise<void> {
  const cases = [
    { name: '500 proxies, 3 istiod, 20 ms latency', proxies: 500, latencyMs: 20 },
    { name: '50 proxies, 3 istiod, 20 ms latency', proxies: 50, latencyMs: 20 },
    { name: '500 proxies, 3 istiod, no latency', proxies: 500, latencyMs: 0 },
  ];
  const clusters = await Promise.all(cases.map((k) => cluster(k.proxies, k.latencyMs)));
  const samples: number[][] = cases.map(() => []);
  const requests: number[] = cases.map(() => 0);
  try {
    for (let i = 0; i < 6; i++) {
      for (const [j, c] of clusters.entries()) {
        c.server.clearRequests();
        const r = await run(c);
        if (r.lines !== cases[j]?.proxies) throw new Error(`expected ${cases[j]?.proxies} rows, got ${r.lines}`);
        if (i > 0) samples[j]?.push(r.ms); // the first round warms the file cache
        requests[j] = c.server.requests.length;
      }
    }
  } finally {
    await Promise.all(clusters.map((c) => c.close()));
  }
  const base = median(samples[2] ?? []);
  for (const [j, k] of cases.entries()) {
    const ms = median(samples[j] ?? []);
    process.stdout.write(`${k.name.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms   ${String(requests[j]).padStart(3)} API requests   ratio to no latency ${ratio(ms, base)}\n`);
  }
  const target = median(samples[0] ?? []);
  process.stdout.write(`target: 500 proxies at 20 ms <= 1500 ms: ${target <= 1500 ? 'met' : 'NOT MET'} (${target.toFixed(0)} ms); requests equal for 50 and 500 proxies: ${requests[0] === requests[1] ? 'yes' : 'NO'}\n`);
}
