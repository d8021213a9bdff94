/**
 * Property-based fuzzing (fast-check), seeded and bounded so it runs in a few seconds in CI and a failure names
 * a reproducible counterexample: the YAML reader never throws and reads back what was written; kube-inject's
 * stream never throws; uninject(inject(x)) gives x back for workloads with arbitrary names, labels, annotations
 * and env values (YAML-special strings included), and is exact on its own output.
 */
import fc from 'fast-check';
import * as yaml from 'yaml';
import { parseAllDocuments, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildInjectConfig } from '../../src/inject/config.js';
import { builtInInjectInputs } from '../../src/inject/defaults.js';
import { injectAll, uninjectAll } from '../../src/inject/index.js';
import { excessiveNesting } from '../../src/resources/depth.js';
import { parseResources } from '../../src/resources/index.js';

const SEED = 15;
const runs = (numRuns: number) => ({ seed: SEED, numRuns });

/** Text that looks like YAML often enough to reach the parsers' corners. */
const yamlish = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('a', ':', ' ', '-', '\n', '[', ']', '{', '}', '"', "'", '#', '&a', '*a', '|', '>', '---\n', '\t', '!!str'), maxLength: 120 }),
  fc.jsonValue({ maxDepth: 6 }).map((v) => stringify(v)),
);

const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/);
/** Values that YAML would misread unless quoted: the emitter must quote them. */
const tricky = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('yes', 'no', 'null', '~', '0x1F', '1e3', '012', 'true', ': x', '- a', '#c', "'q'", '"d"', '', ' lead', 'multi\nline'));

const workload = fc.record({
  kind: fc.constantFrom('Pod', 'Deployment', 'StatefulSet', 'Job'),
  name: label,
  labels: fc.dictionary(label, tricky, { maxKeys: 3 }),
  annotations: fc.dictionary(fc.constantFrom('example.com/a', 'note', 'owner'), tricky, { maxKeys: 2 }),
  env: fc.array(fc.record({ name: fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/), value: tricky }), { maxLength: 3 }),
  port: fc.integer({ min: 1, max: 65000 }),
});

type Workload = typeof workload extends fc.Arbitrary<infer T> ? T : never;

function object(w: Workload): Record<string, unknown> {
  const podMeta = { ...(Object.keys(w.labels).length > 0 ? { labels: w.labels } : {}), ...(Object.keys(w.annotations).length > 0 ? { annotations: w.annotations } : {}) };
  const spec = { containers: [{ name: 'app', image: 'example.com/app:1', ports: [{ containerPort: w.port }], ...(w.env.length > 0 ? { env: w.env } : {}) }] };
  if (w.kind === 'Pod') return { apiVersion: 'v1', kind: 'Pod', metadata: { name: w.name, ...podMeta }, spec };
  const template = { ...(Object.keys(podMeta).length > 0 ? { metadata: podMeta } : {}), spec };
  return { apiVersion: w.kind === 'Job' ? 'batch/v1' : 'apps/v1', kind: w.kind, metadata: { name: w.name }, spec: { template } };
}

const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as unknown);

describe('properties (fast-check, seed 15)', () => {
  it('the YAML reader and the nesting scan never throw on arbitrary text', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        excessiveNesting(text);
        const { resources, problems } = parseResources({ name: 'fuzz.yaml', text });
        for (const p of problems) expect(p.line).toBeGreaterThanOrEqual(1);
        expect(Array.isArray(resources)).toBe(true);
      }),
      runs(300),
    );
  });

  it('any nesting depth ends: parsed under the limit, a located problem over it, never a stack overflow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4000 }), fc.boolean(), (depth, flow) => {
        const body = flow ? `spec: ${'['.repeat(depth)}${']'.repeat(depth)}\n` : `spec:\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i + 1)}a:\n`).join('')}`;
        const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n${body}`;
        const { resources, problems } = parseResources({ name: 'deep.yaml', text });
        const tooDeep = problems.some((p) => p.message === 'nesting deeper than 256 levels');
        expect(tooDeep).toBe(depth + 1 > 256);
        expect(resources.length).toBe(tooDeep ? 0 : 1);
        expect(injectAll(text, buildInjectConfig(builtInInjectInputs(), {}), yaml).problems.length > 0).toBe(tooDeep);
      }),
      runs(40),
    );
  });

  it('the YAML reader reads back every object it is given, exactly', () => {
    const configMap = fc.record({ name: label, data: fc.dictionary(fc.stringMatching(/^[a-zA-Z0-9._-]{1,20}$/), tricky, { maxKeys: 5 }) });
    fc.assert(
      fc.property(fc.array(configMap, { minLength: 1, maxLength: 4 }), (maps) => {
        const objects = maps.map((m) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: m.name }, data: m.data }));
        // Written as YAML 1.1 (yes/no/on/off quoted): the reader reads as Kubernetes does, and `yes` is a boolean there.
        const text = objects.map((o) => stringify(o, { version: '1.1' })).join('---\n');
        const { resources, problems } = parseResources({ name: 'cm.yaml', text }, { requireName: true });
        expect(problems).toEqual([]);
        expect(resources.map((r) => r.object)).toEqual(objects);
      }),
      runs(150),
    );
  });

  it('kube-inject never throws on arbitrary text, and reports problems with positions', () => {
    const config = buildInjectConfig(builtInInjectInputs(), {});
    fc.assert(
      fc.property(yamlish, (text) => {
        // With the full parser at hand, as the command gives it when the fast path asks for it.
        const result = injectAll(text, config, yaml);
        for (const p of result.problems) expect(p.line).toBeGreaterThanOrEqual(1);
      }),
      runs(200),
    );
  });

  it('uninject(inject(x)) is x for arbitrary workloads, and exact text on its own output', () => {
    const config = buildInjectConfig(builtInInjectInputs(), {});
    fc.assert(
      fc.property(fc.array(workload, { minLength: 1, maxLength: 3 }), (ws) => {
        const original = ws.map(object);
        const injected = injectAll(original.map((o) => stringify(o)).join('---\n'), config, yaml);
        expect(injected.problems).toEqual([]);
        const back = uninjectAll(injected.text, config);
        expect(back.problems).toEqual([]);
        expect(docs(back.text)).toEqual(original);
        expect(uninjectAll(injectAll(back.text, config).text, config).text).toBe(back.text);
      }),
      runs(60),
    );
  });
});
