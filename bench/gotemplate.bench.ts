/**
 * The Go template engine on upstream Istio's sidecar injection template (556 lines), side by side in one run:
 * 1. execute a compiled template (target < 0.3 ms per pod) against compiling and executing every time, and
 *    against JSON.stringify of the same data (a floor for "touch every value once").
 * 2. compile time of the template.
 * Skipped with a message when the reference folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { compileTemplate } from '../src/inject/gotemplate/index.js';
import { INJECTOR_NAMES, injectorStandIns, podData } from '../src/inject/gotemplate/testdata/istio-standins.js';
import { median, ratio } from './measure.js';

const ref = new URL('../../shared/reference/istio/inject/injection-template.yaml', import.meta.url);

function perCall(fn: () => void, calls: number, rounds = 7): number {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) fn();
    samples.push((performance.now() - start) / calls);
  }
  return median(samples);
}

export default async function gotemplate(): Promise<void> {
  if (!existsSync(ref)) {
    process.stdout.write(`skipped: ${ref.pathname} is absent\n`);
    return;
  }
  const text = readFileSync(ref, 'utf8');
  const compiled = compileTemplate('sidecar', text, { funcNames: INJECTOR_NAMES });
  const options = { funcs: injectorStandIns };
  const data = podData();
  for (let i = 0; i < 2000; i++) compiled.execute(data, options); // warm up
  const execute = perCall(() => compiled.execute(data, options), 5000);
  const compileEach = perCall(() => compileTemplate('sidecar', text, { funcNames: INJECTOR_NAMES }).execute(data, options), 200);
  const stringify = perCall(() => JSON.stringify(data), 5000);
  const out = (name: string, ms: number, base: number): void => {
    process.stdout.write(`${name.padEnd(40)} ${ms.toFixed(4).padStart(9)} ms   ratio ${ratio(ms, base)}\n`);
  };
  out('execute compiled (per pod)', execute, execute);
  out('compile + execute (per pod)', compileEach, execute);
  out('JSON.stringify of the data (floor)', stringify, execute);
  process.stdout.write(`5,000 pods: ${(execute * 5000).toFixed(0)} ms of template execution\n`);
}
