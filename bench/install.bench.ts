/**
 * `sailctl install --profile demo -y` against the loopback API server (ready-delay 0), next to
 * `sailctl manifest generate --profile demo | kubectl apply --server-side -f -` in the same run, each on a fresh
 * server so both start from an empty cluster. sailctl also waits for CRDs and workloads to be ready; kubectl
 * does not wait. Median of 5 interleaved runs; ratio sailctl / kubectl (target: <= 1.0). Also, for reading the
 * figures: a bare node start and the cost of importing @kubernetes/client-node in a fresh process.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median, ratio } from './measure.js';

const bin = fileURLToPath(new URL('../bin/sailctl.js', import.meta.url));
const loopbackEntry = fileURLToPath(new URL('../test/support/apiserver/index.ts', import.meta.url));
const KUBECTL = '/usr/bin/kubectl';

interface Server {
  kubeconfigPath: string;
  close(): Promise<void>;
}

function timeProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(0, 400)}`));
      else resolve(Number(process.hrtime.bigint() - start) / 1e6);
    });
  });
}

export default async function install(): Promise<void> {
  if (!existsSync(loopbackEntry)) {
    process.stdout.write('skipped: the loopback API server (test/support/apiserver) is not in this tree\n');
    return;
  }
  if (!existsSync(KUBECTL)) {
    process.stdout.write(`skipped: ${KUBECTL} not found\n`);
    return;
  }
  const { startApiServer } = (await import(/* @vite-ignore */ loopbackEntry)) as { startApiServer(o: { readyDelayMs: number }): Promise<Server> };
  const env = { ...process.env, NO_COLOR: '1' };
  const onFreshServer = async (run: (kubeconfig: string) => Promise<number>): Promise<number> => {
    const server = await startApiServer({ readyDelayMs: 0 });
    try {
      return await run(server.kubeconfigPath);
    } finally {
      await server.close();
    }
  };
  const commands: Record<string, () => Promise<number>> = {
    'sailctl install --profile demo -y': () =>
      onFreshServer((kc) => timeProcess(process.execPath, [bin, 'install', '--profile', 'demo', '-y', '--progress', 'plain', '--kubeconfig', kc], env)),
    'manifest generate | kubectl apply --server-side': () =>
      onFreshServer((kc) =>
        timeProcess('/bin/sh', ['-c', `"${process.execPath}" "${bin}" manifest generate --profile demo | ${KUBECTL} --kubeconfig "${kc}" apply --server-side -f -`], env),
      ),
  };
  // For reading the figures: what loading @kubernetes/client-node alone costs a fresh process (sailctl's
  // cluster port loads it for every cluster command), and what a bare node start costs.
  const reference: Record<string, () => Promise<number>> = {
    'node: start only': () => timeProcess(process.execPath, ['-e', ''], env),
    'node: import @kubernetes/client-node': () => timeProcess(process.execPath, ['--input-type=module', '-e', "await import('@kubernetes/client-node')"], env),
  };
  const all = { ...commands, ...reference };
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(all).map((k) => [k, []]));
  for (const fn of Object.values(all)) await fn(); // warm-up
  for (let i = 0; i < 5; i++) for (const [name, fn] of Object.entries(all)) samples[name]?.push(await fn());
  const [sailctl, kubectl] = Object.values(samples).map(median) as [number, number];
  for (const [name, values] of Object.entries(samples)) process.stdout.write(`${name.padEnd(50)} ${median(values).toFixed(0).padStart(6)} ms\n`);
  process.stdout.write(`ratio sailctl / kubectl ${ratio(sailctl, kubectl)} (target <= 1.00)\n`);
}
