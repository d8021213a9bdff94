/**
 * analyze: 10,000 resources (Services, Deployments, VirtualServices, DestinationRules, Gateways,
 * ServiceEntries, AuthorizationPolicies, Sidecars) in files, `--use-kube=false --snapshot`, all analyzers,
 * measured side by side with merely parsing the same files. Targets: ratio <= 3.0; 20,000 resources take
 * <= 2.3x the time of 10,000 (near-linear analyzers).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute } from '../src/main.js';
import { createMemoryIO } from '../src/output/io.js';
import { ANALYZERS } from '../src/analyze/registry.js';
import { runAnalyzers } from '../src/analyze/run.js';
import { Snapshot } from '../src/analyze/snapshot.js';
import { loadResources, type LoadedResource } from '../src/resources/index.js';
import { istioCrds } from '../src/api/crds.js';
import type { KubeObject } from '../src/kube/types.js';
import { startApiServer } from '../test/support/apiserver/index.js';
import { median, ratio } from './measure.js';

const NAMESPACES = 20;

/** One application: 8 resources, wired to each other the way real configs are (and a few mistakes). */
function app(i: number): string {
  const ns = `team-${i % NAMESPACES}`;
  const name = `svc-${i}`;
  const docs = [
    `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${ns}, labels: {app: ${name}}}\nspec:\n  selector: {app: ${name}}\n  ports:\n    - {name: http-web, port: 8080, targetPort: 8080}\n    - {name: ${i % 7 === 0 ? 'metrics' : 'grpc-api'}, port: 9090}`,
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}-v1, namespace: ${ns}}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: ${name}, version: v1}}\n  template:\n    metadata:\n      labels: {app: ${name}, version: v1}\n      annotations: {sidecar.istio.io/proxyCPU: 100m}\n    spec:\n      containers:\n        - name: app\n          image: registry.example/${name}:1.${i % 10}\n          ports: [{containerPort: 8080}]`,
    `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  hosts: [${name}${i % 10 === 0 ? `, ${name}.example.com` : ''}]\n  gateways: [mesh${i % 10 === 0 ? `, gw-${i}` : ''}]\n  http:\n    - match: [{headers: {x-canary: {exact: "1"}}}]\n      route: [{destination: {host: ${name}, subset: ${i % 13 === 0 ? 'v2' : 'v1'}, port: {number: 8080}}}]\n    - route: [{destination: {host: ${name}, subset: v1, port: {number: 8080}}}]`,
    `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  host: ${name}.${ns}.svc.cluster.local\n  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}\n  subsets:\n    - name: v1\n      labels: {version: v1}`,
    i % 10 === 0
      ? `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw-${i}, namespace: ${ns}}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n    - port: {number: 443, name: https, protocol: HTTPS}\n      hosts: [${name}.example.com]\n      tls: {mode: SIMPLE, credentialName: cert-${i}}`
      : `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ext-${i}, namespace: ${ns}}\nspec:\n  hosts: [api-${i}.partner.example]\n  ports: [{number: 443, name: https, protocol: HTTPS}]\n  resolution: DNS\n  location: MESH_EXTERNAL`,
    `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  action: ALLOW\n  rules:\n    - from: [{source: {principals: ["cluster.local/ns/${ns}/sa/frontend"]}}]\n      to: [{operation: {methods: [GET], paths: ["/api/*"]}}]`,
    `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  mtls: {mode: STRICT}`,
    `apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  workloadSelector: {labels: {app: ${name}}}\n  egress: [{hosts: ["./*", "istio-system/*"]}]`,
  ];
  return docs.join('\n---\n');
}

/** Writes `count` resources (8 per application) into 20 files under a new directory. */
export function corpus(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), `sailctl-bench-analyze-${count}-`));
  mkdirSync(dir, { recursive: true });
  const apps = Math.ceil(count / 8);
  const perFile = Math.ceil(apps / 20);
  const namespaces = Array.from({ length: NAMESPACES }, (_, n) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: team-${n}, labels: {istio-injection: enabled}}`).join('\n---\n');
  writeFileSync(join(dir, '00-namespaces.yaml'), `${namespaces}\n`);
  for (let f = 0; f * perFile < apps; f++) {
    const docs: string[] = [];
    for (let i = f * perFile; i < Math.min(apps, (f + 1) * perFile); i++) docs.push(app(i));
    writeFileSync(join(dir, `apps-${String(f).padStart(2, '0')}.yaml`), `${docs.join('\n---\n')}\n`);
  }
  return dir;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function parseOnly(dir: string): Promise<number> {
  const r = await loadResources([dir]);
  if (r.problems.length > 0) throw new Error(`corpus does not parse: ${r.problems[0]?.message}`);
  return r.resources.length;
}

/** The analyzers alone (snapshot + every analyzer) on already parsed resources. */
function analyzersOnly(resources: readonly LoadedResource[]): number {
  const snapshot = new Snapshot({ files: resources });
  return runAnalyzers({ snapshot, analyzers: ANALYZERS, complete: true, now: Date.UTC(2026, 0, 1) }).length;
}

async function analyze(dir: string): Promise<number> {
  const io = createMemoryIO();
  const code = await execute(['analyze', '--use-kube=false', '--snapshot', dir, '-o', 'json'], { io, env: {}, cwd: process.cwd() });
  if (code !== 0 && code !== 79) throw new Error(`analyze exited ${code}: ${io.err().slice(0, 500)}`);
  return (JSON.parse(io.out()) as unknown[]).length;
}

/** `analyze -A` against the loopback API server holding `resources`, with `latencyMs` added to every request. */
async function clusterRun(resources: readonly LoadedResource[], latencyMs: number): Promise<{ ms: number; objects: number }> {
  const objects = resources.map((r) => r.object as unknown as KubeObject);
  const namespaces = [...new Set(objects.map((o) => o.metadata.namespace).filter((n): n is string => !!n))].map(
    (name): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
  );
  const cluster = await startApiServer({ seed: [...istioCrds(), ...namespaces, ...objects] });
  cluster.faults.add({ latencyMs });
  try {
    const io = createMemoryIO();
    const ms = await time(async () => {
      const code = await execute(['-c', cluster.kubeconfigPath, 'analyze', '-A', '-o', 'json'], { io, env: {}, cwd: process.cwd() });
      if (code !== 0 && code !== 79) throw new Error(`analyze -A exited ${code}: ${io.err().slice(0, 500)}`);
    });
    return { ms, objects: objects.length };
  } finally {
    await cluster.close();
  }
}

export default async function analyzeBench(): Promise<void> {
  const small = corpus(10_000);
  const large = corpus(20_000);
  const corpus5k = corpus(5_000);
  try {
    const resources = await parseOnly(small);
    const findings = await analyze(small); // warm-up, and a sanity check that the analyzers found something
    await parseOnly(large);
    await analyze(large);
    const parsedSmall = (await loadResources([small])).resources;
    const parsedLarge = (await loadResources([large])).resources;
    const names = ['parse10', 'parse20', 'analyze10', 'analyze20', 'analyzers10', 'analyzers20'] as const;
    const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<(typeof names)[number], number[]>;
    for (let i = 0; i < 5; i++) {
      samples.parse10.push(await time(() => parseOnly(small)));
      samples.analyze10.push(await time(() => analyze(small)));
      samples.parse20.push(await time(() => parseOnly(large)));
      samples.analyze20.push(await time(() => analyze(large)));
      samples.analyzers10.push(await time(async () => analyzersOnly(parsedSmall)));
      samples.analyzers20.push(await time(async () => analyzersOnly(parsedLarge)));
    }
    const m = Object.fromEntries(names.map((n) => [n, median(samples[n])])) as Record<(typeof names)[number], number>;
    const out = (s: string) => process.stdout.write(`${s}\n`);
    const rate = (ms: number, n: number) => `${String(Math.round((n / ms) * 1000)).padStart(7)} resources/s`;
    out(`corpus: ${resources} resources in 21 files, ${findings} findings; ${ANALYZERS.length} analyzers`);
    out(`parse only            10k ${m.parse10.toFixed(0).padStart(6)} ms ${rate(m.parse10, resources)}   20k ${m.parse20.toFixed(0).padStart(6)} ms   20k/10k ${ratio(m.parse20, m.parse10)}`);
    out(`analyze --snapshot    10k ${m.analyze10.toFixed(0).padStart(6)} ms ${rate(m.analyze10, resources)}   20k ${m.analyze20.toFixed(0).padStart(6)} ms   20k/10k ${ratio(m.analyze20, m.analyze10)}`);
    out(`analyzers only        10k ${m.analyzers10.toFixed(0).padStart(6)} ms ${rate(m.analyzers10, resources)}   20k ${m.analyzers20.toFixed(0).padStart(6)} ms   20k/10k ${ratio(m.analyzers20, m.analyzers10)} (target <= 2.3)`);
    out(`ratio analyze / parse (10k): ${ratio(m.analyze10, m.parse10)} (target <= 3.0)`);
    const five = (await loadResources([corpus5k])).resources;
    const cluster = await clusterRun(five, 50);
    out(`analyze -A against a cluster of ${cluster.objects} objects, 50 ms per request: ${cluster.ms.toFixed(0)} ms (target <= 3000)`);
  } finally {
    rmSync(small, { recursive: true, force: true });
    rmSync(large, { recursive: true, force: true });
    rmSync(corpus5k, { recursive: true, force: true });
  }
}
