/**
 * Whole processes (node's start included) against a floor measured side by side in the same run, with js-yaml
 * as the floor: the same bytes read by a `node -e` script that only loads them with js-yaml (`loadAll`, and
 * `dump` for kube-inject). Medians of 3 interleaved runs. Targets (issue 16):
 *   analyze 10k <= 2.5x its floor, analyze 20k / 10k <= 2.2; validate 10k <= 1.5x; kube-inject 5k <= 2.0x
 *   load+dump; manifest generate <= 2.0x `node -e 0`; analyze of 50k resources under 1 GiB peak RSS.
 * `BENCH_RUNS=5` for more runs; `BENCH_SKIP_50K=1` skips the 50k memory figure.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpus } from './analyze.bench.js';
import { deployments } from './inject.bench.js';
import { interleavedMedians, ratio, timeNode } from './measure.js';
import { generateCorpus } from './validate.bench.js';

const bin = fileURLToPath(new URL('../bin/sailctl.js', import.meta.url));
const jsYaml = createRequire(import.meta.url).resolve('js-yaml');

/** `node -e` scripts: the floors. They print a count so that nothing is optimised away. */
const loadDir = (dir: string) =>
  `const y=require(${JSON.stringify(jsYaml)}),fs=require('fs'),p=require('path');let n=0;for(const f of fs.readdirSync(${JSON.stringify(dir)}).sort())n+=y.loadAll(fs.readFileSync(p.join(${JSON.stringify(dir)},f),'utf8')).length;process.stdout.write(n+'\\n')`;
const loadFile = (file: string) =>
  `const y=require(${JSON.stringify(jsYaml)}),fs=require('fs');process.stdout.write(y.loadAll(fs.readFileSync(${JSON.stringify(file)},'utf8')).length+'\\n')`;
const loadDump = (file: string) =>
  `const y=require(${JSON.stringify(jsYaml)}),fs=require('fs');process.stdout.write(y.loadAll(fs.readFileSync(${JSON.stringify(file)},'utf8')).map((d)=>y.dump(d)).join('---\\n'))`;

const ok79 = { okCodes: [0, 79] };

/** Wall time of `node args`, accepting the exit codes given (analyze exits 79 when it finds something). */
function run(args: readonly string[], options: { okCodes?: number[] } = {}): number {
  if (!options.okCodes) return timeNode(args);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!options.okCodes.includes(r.status ?? -1)) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr?.toString().slice(0, 500)}`);
  return ms;
}

/** Peak resident set size in MiB of one run of `node args`, from GNU time. */
function peakRss(args: readonly string[]): { mib: number; ms: number } {
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const kib = /maxrss=(\d+)/.exec(r.stderr?.toString() ?? '')?.[1];
  if (kib === undefined || (r.status !== 0 && r.status !== 79)) throw new Error(`peak RSS run failed (${r.status}): ${r.stderr?.toString().slice(0, 500)}`);
  return { mib: Number(kib) / 1024, ms };
}

export default async function floorBench(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const tmp = mkdtempSync(join(tmpdir(), 'sailctl-bench-floor-'));
  const a10 = corpus(10_000);
  const a20 = corpus(20_000);
  const validateFile = join(tmp, 'validate-10k.yaml');
  writeFileSync(validateFile, generateCorpus(10_000, 0.02).text);
  const injectFile = join(tmp, 'deployments-5k.yaml');
  writeFileSync(injectFile, deployments(5_000));
  const analyzeArgs = (dir: string) => [bin, 'analyze', '--use-kube=false', dir, '-o', 'json'];
  try {
    const m = interleavedMedians(
      {
        'js-yaml loadAll 10k (analyze floor)': () => run(['-e', loadDir(a10)]),
        'sailctl analyze 10k': () => run(analyzeArgs(a10), ok79),
        'js-yaml loadAll 20k (analyze floor)': () => run(['-e', loadDir(a20)]),
        'sailctl analyze 20k': () => run(analyzeArgs(a20), ok79),
        'js-yaml loadAll 10k (validate floor)': () => run(['-e', loadFile(validateFile)]),
        'sailctl validate 10k': () => run([bin, 'validate', '-f', validateFile], { okCodes: [0, 1, 65, 79] }),
        'js-yaml loadAll+dump 5k (inject floor)': () => run(['-e', loadDump(injectFile)]),
        'sailctl kube-inject 5k': () => run([bin, 'kube-inject', '-f', injectFile]),
        'node -e 0': () => run(['-e', '0']),
        'sailctl manifest generate': () => run([bin, 'manifest', 'generate']),
      },
      runs,
    );
    const t = (k: string) => m[k] as number;
    const row = (name: string, ms: number, floor: number, target: string, extra = '') =>
      out(`${name.padEnd(30)} ${ms.toFixed(0).padStart(6)} ms   floor ${floor.toFixed(0).padStart(6)} ms   ratio ${ratio(ms, floor)} (target ${target})${extra}`);
    out(`whole processes, medians of ${runs} interleaved runs; floors are js-yaml (or node -e 0) in this same run`);
    row('analyze 10k', t('sailctl analyze 10k'), t('js-yaml loadAll 10k (analyze floor)'), '<= 2.5');
    row('analyze 20k', t('sailctl analyze 20k'), t('js-yaml loadAll 20k (analyze floor)'), '<= 2.5', `   20k/10k ${ratio(t('sailctl analyze 20k'), t('sailctl analyze 10k'))} (target <= 2.2)`);
    row('validate 10k', t('sailctl validate 10k'), t('js-yaml loadAll 10k (validate floor)'), '<= 1.5', `   ${Math.round(10_000_000 / t('sailctl validate 10k'))} resources/s`);
    row('kube-inject 5k', t('sailctl kube-inject 5k'), t('js-yaml loadAll+dump 5k (inject floor)'), '<= 2.0');
    row('manifest generate', t('sailctl manifest generate'), t('node -e 0'), '<= 2.0');
    if (process.env.BENCH_SKIP_50K !== '1') {
      const a50 = corpus(50_000);
      try {
        const floor = peakRss(['-e', loadDir(a50)]);
        const rss = peakRss(analyzeArgs(a50));
        out(`analyze 50k peak RSS          ${rss.mib.toFixed(0).padStart(6)} MiB  floor ${floor.mib.toFixed(0).padStart(6)} MiB  ratio ${ratio(rss.mib, floor.mib)} (target < 1024 MiB)   time ${(rss.ms / 1000).toFixed(1)} s, floor ${(floor.ms / 1000).toFixed(1)} s`);
      } finally {
        rmSync(a50, { recursive: true, force: true });
      }
    }
  } finally {
    for (const d of [tmp, a10, a20]) rmSync(d, { recursive: true, force: true });
  }
}
