import { interleavedMedians, ratio, timeNode } from './bench/measure.js';
const m = interleavedMedians({ 'node -e 0': () => timeNode(['-e', '0']), help: () => timeNode(['bin/sailctl.js', '--help']), inject: () => timeNode(['bin/sailctl.js', 'kube-inject', '-f', 'test/fixtures/inject/probes/input.yaml']) }, 21);
for (const [k, v] of Object.entries(m)) console.log(k, v.toFixed(1), ratio(v, m['node -e 0']!));
