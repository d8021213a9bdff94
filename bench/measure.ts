/** Small timing helpers shared by the benchmarks. */
import { spawnSync } from 'node:child_process';

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Wall time in ms of one run of `node args...` (stdout/stderr discarded); throws if it fails. */
export function timeNode(args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { input: options.input, env: options.env ?? process.env, stdio: ['pipe', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr?.toString().slice(0, 500)}`);
  return ms;
}

/** Medians of `runs` interleaved runs of each command, so machine noise hits all of them alike. */
export function interleavedMedians(commands: Record<string, () => number>, runs: number): Record<string, number> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (const fn of Object.values(commands)) fn(); // warm the file cache
  for (let i = 0; i < runs; i++) for (const [name, fn] of Object.entries(commands)) samples[name]?.push(fn());
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

export function ratio(a: number, b: number): string {
  return (a / b).toFixed(2);
}
