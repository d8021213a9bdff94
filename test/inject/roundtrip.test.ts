/**
 * Property: for generated workloads, uninject(inject(x)) == x and inject(inject(x)) == inject(x).
 * A seeded generator, so a failure names a reproducible seed.
 */
import { parseAllDocuments, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildInjectConfig } from '../../src/inject/config.js';
import { builtInInjectInputs } from '../../src/inject/defaults.js';
import { injectAll, uninjectAll } from '../../src/inject/index.js';

function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p: number) => next() < p,
  };
}

type Obj = Record<string, unknown>;

function workload(seed: number): Obj {
  const r = rng(seed);
  const name = `w${seed}`;
  const containers: Obj[] = [];
  const count = 1 + r.int(3);
  for (let i = 0; i < count; i++) {
    const c: Obj = { name: `c${i}`, image: `example.com/img-${r.int(5)}:${r.int(9)}` };
    if (r.chance(0.7)) c.ports = [{ containerPort: 8000 + i, ...(r.chance(0.5) ? { name: `http-${i}` } : {}) }];
    if (r.chance(0.4)) c.readinessProbe = { httpGet: { path: '/ready', port: 8000 + i, ...(r.chance(0.3) ? { scheme: 'HTTPS' } : {}) }, periodSeconds: 1 + r.int(9) };
    if (r.chance(0.3)) c.livenessProbe = { tcpSocket: { port: 8000 + i }, ...(r.chance(0.5) ? { timeoutSeconds: 1 + r.int(4) } : {}) };
    if (r.chance(0.2)) c.startupProbe = { grpc: { port: 9000 + i } };
    if (r.chance(0.3)) c.env = [{ name: 'MODE', value: r.pick(['a', 'b', 'yes', '123']) }];
    containers.push(c);
  }
  const spec: Obj = { containers };
  if (r.chance(0.3)) spec.initContainers = [{ name: 'setup', image: 'busybox' }];
  if (r.chance(0.3)) spec.volumes = [{ name: 'data', emptyDir: {} }];
  if (r.chance(0.2)) spec.serviceAccountName = `sa-${r.int(3)}`;
  const labels: Obj = {};
  if (r.chance(0.8)) labels.app = name;
  if (r.chance(0.4)) labels.version = `v${r.int(3)}`;
  const annotations: Obj = {};
  if (r.chance(0.3)) Object.assign(annotations, { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' });
  if (r.chance(0.2)) annotations['traffic.sidecar.istio.io/excludeOutboundPorts'] = '5432';
  if (r.chance(0.2)) annotations['sidecar.istio.io/nativeSidecar'] = r.pick(['true', 'false']);
  if (r.chance(0.1)) annotations['sidecar.istio.io/interceptionMode'] = r.pick(['NONE', 'TPROXY']);
  const podMeta: Obj = {};
  if (Object.keys(labels).length > 0) podMeta.labels = labels;
  if (Object.keys(annotations).length > 0) podMeta.annotations = annotations;
  const kind = r.pick(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicaSet']);
  const meta = { name, ...(r.chance(0.5) ? { namespace: `ns-${r.int(3)}` } : {}) };
  if (kind === 'Pod') return { apiVersion: 'v1', kind, metadata: { ...meta, ...podMeta }, spec };
  const template = { ...(Object.keys(podMeta).length > 0 ? { metadata: podMeta } : {}), spec };
  if (kind === 'CronJob') return { apiVersion: 'batch/v1', kind, metadata: meta, spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } };
  return { apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1', kind, metadata: meta, spec: { template } };
}

const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as unknown);

describe('inject / uninject round trip over generated workloads', () => {
  const config = buildInjectConfig(builtInInjectInputs(), {});
  it.each(Array.from({ length: 60 }, (_, i) => 1000 + i * 7919))('seed %i', (seed) => {
    const original = [workload(seed), workload(seed + 1)];
    const text = original.map((o) => stringify(o)).join('---\n');
    const injected = injectAll(text, config);
    expect(injected.problems).toEqual([]);
    expect(injected.reports.every((r) => r.outcome.action === 'injected')).toBe(true);
    expect(injected.text).toContain('istio-proxy');
    expect(injectAll(injected.text, config).text).toBe(injected.text);
    const back = uninjectAll(injected.text, config);
    expect(back.problems).toEqual([]);
    expect(docs(back.text)).toEqual(original);
  });
});
