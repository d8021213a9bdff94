/**
 * validate: 10,000 generated Istio resources (mixed networking kinds, 2% invalid) parsed with positions and
 * validated in one process, against merely loading the same text with js-yaml (the floor of issue 16);
 * interleaved runs, medians. Target: ratio <= 1.5 (whole processes: `npm run bench -- floor`). Also process start of `sailctl validate -f small.yaml` against `node -e 0`
 * (target <= 2.0).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsYaml from 'js-yaml';
import { parseResources } from '../src/resources/index.js';
import { validateResources } from '../src/validators/run.js';
import { interleavedMedians, median, ratio, timeNode } from './measure.js';

const COUNT = 10_000;
const bin = fileURLToPath(new URL('../bin/sailctl.js', import.meta.url));

/** Deterministic pseudo-random numbers (mulberry32), so every run validates the same text. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEMPLATES: ((i: number, bad: boolean) => string)[] = [
  (i, bad) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vs-${i}
  namespace: ns-${i % 50}
spec:
  hosts: [svc-${i}.ns-${i % 50}.svc.cluster.local]
  gateways: [mesh, istio-system/gw-${i % 7}]
  http:
  - name: primary
    match:
    - uri: {prefix: /api/v${i % 3}}
      headers: {x-tenant: {exact: t${i}}}
    route:
    - destination: {host: svc-${i}, subset: v1, port: {number: 8080}}
      weight: ${bad ? 70 : 80}
    - destination: {host: svc-${i}, subset: v2, port: {number: 8080}}
      weight: 20
    timeout: 3s
    retries: {attempts: 3, perTryTimeout: 1s, retryOn: 5xx}
`,
  (i, bad) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: dr-${i}
  namespace: ns-${i % 50}
spec:
  host: svc-${i}.ns-${i % 50}.svc.cluster.local
  trafficPolicy:
    loadBalancer: {simple: ${bad ? 'LEAST_CONNS' : 'LEAST_REQUEST'}}
    connectionPool:
      tcp: {maxConnections: 100, connectTimeout: 30ms}
      http: {http1MaxPendingRequests: 64, maxRequestsPerConnection: 10}
    outlierDetection: {consecutive5xxErrors: 5, interval: 10s, baseEjectionTime: 30s}
  subsets:
  - name: v1
    labels: {version: v1}
  - name: v2
    labels: {version: v2}
`,
  (i, bad) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: gw-${i}
  namespace: istio-system
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 443, name: https-${i}, protocol: HTTPS}
    hosts: ["ns-${i % 50}/app-${i}.example.com"]
    tls: {mode: SIMPLE, credentialName: cert-${i}${bad ? ', colour: blue' : ''}}
`,
  (i, bad) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: se-${i}
  namespace: ns-${i % 50}
spec:
  hosts: [api-${i}.partner.example.com]
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - {number: 443, name: tls, protocol: TLS}
  - {number: ${bad ? 443 : 80}, name: http, protocol: HTTP}
`,
  (i, bad) => `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: default
  namespace: ns-${i % 50}
spec:
  egress:
  - hosts: ["./*", "istio-system/*"${bad ? ', "nonamespace.com"' : ''}]
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
`,
];

export function generateCorpus(count: number, invalidShare: number, seed = 42): { text: string; invalid: number } {
  const random = rng(seed);
  const docs: string[] = [];
  let invalid = 0;
  for (let i = 0; i < count; i++) {
    const bad = random() < invalidShare;
    if (bad) invalid++;
    docs.push((TEMPLATES[i % TEMPLATES.length] as (i: number, bad: boolean) => string)(i, bad));
  }
  return { text: docs.join('---\n'), invalid };
}

export default async function validateBench(): Promise<void> {
  const { text, invalid } = generateCorpus(COUNT, 0.02);
  let found = 0;
  const validateOnce = async () => {
    const start = performance.now();
    const { resources, problems } = parseResources({ name: 'corpus.yaml', text });
    const batch = await validateResources(resources);
    const ms = performance.now() - start;
    if (problems.length > 0 || batch.checked.length !== COUNT) throw new Error('corpus did not load as expected');
    found = batch.checked.filter((c) => c.issues.some((i) => i.severity === 'error')).length;
    return ms;
  };
  const parseOnce = () => {
    const start = performance.now();
    const docs = jsYaml.loadAll(text);
    if (docs.length !== COUNT) throw new Error('parse count');
    return performance.now() - start;
  };
  await validateOnce(); // load the validator modules, warm the JIT
  parseOnce();
  const v: number[] = [];
  const p: number[] = [];
  for (let i = 0; i < 5; i++) {
    p.push(parseOnce());
    v.push(await validateOnce());
  }
  const vMs = median(v);
  const pMs = median(p);
  const mb = (Buffer.byteLength(text) / 1048576).toFixed(1);
  process.stdout.write(`corpus: ${COUNT} resources (${mb} MiB), ${invalid} made invalid, ${found} reported invalid\n`);
  process.stdout.write(`js-yaml loadAll only             ${pMs.toFixed(0).padStart(6)} ms   ${Math.round((COUNT / pMs) * 1000)} resources/s\n`);
  process.stdout.write(`sailctl parse + validate         ${vMs.toFixed(0).padStart(6)} ms   ${Math.round((COUNT / vMs) * 1000)} resources/s   ratio ${ratio(vMs, pMs)} (target <= 1.5)\n`);

  const small = join(mkdtempSync(join(tmpdir(), 'sailctl-bench-')), 'small.yaml');
  writeFileSync(small, generateCorpus(3, 0).text);
  const m = interleavedMedians(
    {
      'node -e 0': () => timeNode(['-e', '0']),
      'sailctl validate -f small.yaml': () => timeNode([bin, 'validate', '-f', small]),
    },
    15,
  );
  const base = m['node -e 0'] as number;
  for (const [name, ms] of Object.entries(m)) process.stdout.write(`${name.padEnd(33)}${ms.toFixed(1).padStart(7)} ms   ratio ${ratio(ms, base)}\n`);
}
