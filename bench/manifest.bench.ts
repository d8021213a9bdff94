/**
 * `manifest generate`: median of 15 interleaved runs each of the built binary rendering the default and the
 * demo profile, against `sailctl version --remote=false` (the CLI's own startup) and `node -e 0`; then the pure
 * resolve+render step in-process (median of 200). Target: generate within 1.5x of the bare CLI start.
 */
import { fileURLToPath } from 'node:url';
import { render, renderYaml } from '../src/manifest/render.js';
import { resolveInstall } from '../src/manifest/values.js';
import { median, interleavedMedians, ratio, timeNode } from './measure.js';

const bin = fileURLToPath(new URL('../bin/sailctl.js', import.meta.url));

export default async function manifest(): Promise<void> {
  const m = interleavedMedians(
    {
      'node -e 0': () => timeNode(['-e', '0']),
      'sailctl version --remote=false': () => timeNode([bin, 'version', '--remote=false']),
      'sailctl manifest generate': () => timeNode([bin, 'manifest', 'generate']),
      'sailctl manifest generate (demo)': () => timeNode([bin, 'manifest', 'generate', '--set', 'profile=demo']),
    },
    15,
  );
  const node = m['node -e 0'] as number;
  const cli = m['sailctl version --remote=false'] as number;
  for (const [name, ms] of Object.entries(m)) {
    process.stdout.write(`${name.padEnd(36)} ${ms.toFixed(1).padStart(7)} ms   vs node ${ratio(ms, node)}   vs version ${ratio(ms, cli)}\n`);
  }
  const samples: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = process.hrtime.bigint();
    renderYaml(render(resolveInstall({ profile: 'demo' })));
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  process.stdout.write(`in-process resolve+render+YAML (demo)  ${median(samples).toFixed(2).padStart(7)} ms (median of 200)\n`);
}
