/** Property test: odd data never makes an analyzer throw (seeded, so a failure is reproducible). */
import { describe, expect, it } from 'vitest';
import { KINDS } from './kinds.js';
import { ANALYZERS } from './registry.js';
import { runAnalyzers } from './run.js';
import { Snapshot } from './snapshot.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['spec', 'metadata', 'hosts', 'gateways', 'http', 'route', 'destination', 'host', 'port', 'number', 'subsets',
  'labels', 'selector', 'servers', 'tls', 'mode', 'credentialName', 'match', 'template', 'containers', 'ports', 'name',
  'annotations', 'workloadSelector', 'trafficPolicy', 'portLevelSettings', 'caCertificates', 'image', 'data', 'type',
  'matchLabels', 'headers', 'uri', 'prefix', 'exact', 'targetPort', 'protocol', 'webhooks', 'namespaceSelector'];

function value(r: () => number, depth: number): unknown {
  const pick = Math.floor(r() * (depth > 3 ? 5 : 8));
  switch (pick) {
    case 0: return null;
    case 1: return Math.floor(r() * 70000) - 5;
    case 2: return ['', '*', 'mesh', 'a/b', 'x.default.svc.cluster.local', 'http-web', 'istio-injection', 'auto', '1337'][Math.floor(r() * 9)];
    case 3: return r() < 0.5;
    case 4: return 'v' + Math.floor(r() * 3);
    case 5: return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      const n = Math.floor(r() * 5);
      for (let i = 0; i < n; i++) o[KEYS[Math.floor(r() * KEYS.length)]!] = value(r, depth + 1);
      return o;
    }
  }
}

const kinds = Object.values(KINDS);

function randomObject(r: () => number, i: number): Record<string, unknown> {
  const k = kinds[Math.floor(r() * kinds.length)]!;
  const meta = value(r, 1);
  const base: Record<string, unknown> = { apiVersion: k.apiVersion, kind: k.kind, spec: value(r, 1) };
  base.metadata = r() < 0.8 ? { ...(meta && typeof meta === 'object' ? meta : {}), name: `o${i % 7}`, namespace: ['default', 'istio-system', 'a'][i % 3] } : meta;
  if (r() < 0.3) base.data = value(r, 1);
  if (r() < 0.2) base.webhooks = value(r, 1);
  return base;
}

describe('every analyzer on random objects', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('does not throw (seed %i)', (seed) => {
    const r = rng(seed);
    const objects = Array.from({ length: 300 }, (_, i) => randomObject(r, i));
    const snapshot = new Snapshot({ cluster: objects });
    expect(() => runAnalyzers({ snapshot, analyzers: ANALYZERS, strict: true })).not.toThrow();
  });
});

describe('every analyzer on generated objects (fast-check, seeded and bounded)', () => {
  it('never throws, whatever shape the objects of any kind take', async () => {
    const fc = (await import('fast-check')).default;
    const leaf = fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 70_000 }), fc.boolean(), fc.constantFrom('', '*', 'mesh', 'a/b', 'x.default.svc.cluster.local', 'http-web', 'auto', '1337', 'v1'));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...KEYS), tie('tree'), { maxKeys: 4 })),
    }));
    const object = fc.record({
      kind: fc.constantFrom(...kinds),
      name: fc.constantFrom('a', 'b', 'c'),
      namespace: fc.constantFrom('default', 'istio-system', 'other'),
      spec: tree,
      labels: fc.option(tree),
      extra: fc.option(tree),
    }).map(({ kind, name, namespace, spec, labels, extra }) => ({
      apiVersion: kind.apiVersion,
      kind: kind.kind,
      metadata: { name, namespace, ...(labels !== null ? { labels } : {}) },
      spec,
      ...(extra !== null ? { data: extra, webhooks: extra } : {}),
    }));
    fc.assert(
      fc.property(fc.array(object, { minLength: 1, maxLength: 40 }), (objects) => {
        const snapshot = new Snapshot({ cluster: objects });
        runAnalyzers({ snapshot, analyzers: ANALYZERS, strict: true });
      }),
      { seed: 20261202, numRuns: 150 },
    );
  }, 60_000);
});
