/**
 * Startup: median of 15 runs each of `sailctl --help` and `sailctl version --remote=false` against
 * `node -e 0`, interleaved in one run. Target: ratio <= 2.0.
 */
import { fileURLToPath } from 'node:url';
import { interleavedMedians, ratio, timeNode } from './measure.js';

const bin = fileURLToPath(new URL('../bin/sailctl.js', import.meta.url));

export default async function startup(): Promise<void> {
  const m = interleavedMedians(
    {
      'node -e 0': () => timeNode(['-e', '0']),
      'sailctl --help': () => timeNode([bin, '--help']),
      'sailctl version --remote=false': () => timeNode([bin, 'version', '--remote=false']),
    },
    15,
  );
  const base = m['node -e 0'] as number;
  for (const [name, ms] of Object.entries(m)) {
    process.stdout.write(`${name.padEnd(34)} ${ms.toFixed(1).padStart(7)} ms   ratio ${ratio(ms, base)}\n`);
  }
}
