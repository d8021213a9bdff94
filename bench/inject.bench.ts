/**
 * kube-inject throughput and start-up.
 * 1. 5,000 Deployments in one multi-document stream: docs/second of `injectAll` and the ratio to parsing and
 *    dumping the same text with js-yaml (the floor of issue 16), measured side by side in this run. Target: <= 2.0.
 * 2. Start-up: `sailctl kube-inject -f small.yaml` against `node -e 0` (median of 15). Target: <= 2.0.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsYaml from 'js-yaml';
import { buildInjectConfig } from '../src/inject/config.js';
import { defaultInjectInputs } from '../src/inject/defaults.js';
import { injectAll } from '../src/inject/index.js';
import { interleavedMedians, median, ratio, timeNode } from './measure.js';

const bin = fileURLToPath(new URL('../bin/sailctl.js', import.meta.url));

export function deployments(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 17}
  labels: {app: app-${i}}
spec:
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
        version: v${i % 4}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
    spec:
      containers:
      - name: app
        image: "registry.example.com/app:${i % 10}"
        ports:
        - name: http
          containerPort: 8080
        readinessProbe:
          httpGet: {path: /ready, port: http}
        resources:
          requests: {cpu: 50m, memory: 64Mi}
`);
  }
  return docs.join('---\n');
}

function timeIt(fn: () => void, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export default async function injectBench(): Promise<void> {
  const count = 5000;
  const text = deployments(count);
  const config = buildInjectConfig(await defaultInjectInputs(''), {});
  const baseline = () => {
    let out = '';
    for (const d of jsYaml.loadAll(text)) out += `---\n${jsYaml.dump(d)}`;
    if (out.length === 0) throw new Error('no output');
  };
  const inject = () => {
    const r = injectAll(text, config);
    if (r.problems.length > 0 || r.reports.length !== count) throw new Error(`inject failed: ${r.problems[0]?.message}`);
  };
  inject();
  baseline(); // warm both
  let yamlMs = 0;
  let injectMs = 0;
  const rounds = 3;
  for (let i = 0; i < rounds; i++) {
    yamlMs += timeIt(baseline, 1);
    injectMs += timeIt(inject, 1);
  }
  yamlMs /= rounds;
  injectMs /= rounds;
  const w = (s: string) => process.stdout.write(`${s}\n`);
  w(`${count} Deployments, ${(text.length / 1048576).toFixed(1)} MiB`);
  w(`js-yaml load + dump      ${yamlMs.toFixed(0).padStart(6)} ms   ${((count / yamlMs) * 1000).toFixed(0).padStart(7)} docs/s`);
  w(`kube-inject (injectAll)  ${injectMs.toFixed(0).padStart(6)} ms   ${((count / injectMs) * 1000).toFixed(0).padStart(7)} docs/s   ratio ${ratio(injectMs, yamlMs)} (target <= 2.0)`);

  const dir = mkdtempSync(join(tmpdir(), 'sailctl-inject-bench-'));
  const small = join(dir, 'small.yaml');
  writeFileSync(small, deployments(1));
  const m = interleavedMedians(
    {
      'node -e 0': () => timeNode(['-e', '0']),
      'sailctl kube-inject -f small.yaml': () => timeNode([bin, 'kube-inject', '-f', small]),
    },
    15,
  );
  const base = m['node -e 0'] as number;
  for (const [name, ms] of Object.entries(m)) w(`${name.padEnd(34)} ${ms.toFixed(1).padStart(7)} ms   ratio ${ratio(ms, base)}`);
}
