/** Meta-tests over every registered analyzer: registration, naming, descriptions, declared inputs. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseResources } from '../resources/parse.js';
import { kindInfo } from './kinds.js';
import { ANALYZERS, DEFAULT_ANALYZERS, inputKinds, selectAnalyzers } from './registry.js';
import { runAnalyzers } from './run.js';
import { Snapshot } from './snapshot.js';
import type { Analyzer } from './types.js';

const dir = new URL('./analyzers/', import.meta.url);
const files = readdirSync(dir);

describe('analyzer registry', () => {
  it('is sorted by name, with unique names', () => {
    const names = ANALYZERS.map((a) => a.meta.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(new Set(names).size).toBe(names.length);
  });

  it('registers every analyzer file, and each has a test and a fixture beside it', async () => {
    const sources = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    // Registered directly, as a part of a combined analyzer, or in a record of analyzers (schema.ValidationAnalyzer.<Kind>).
    const known = new Set<Analyzer>(ANALYZERS.flatMap((a) => [a, ...(a.parts ?? []), ...(a.parts ?? []).flatMap((p) => p.parts ?? [])]));
    const isRegistered = (v: unknown): boolean =>
      known.has(v as Analyzer) || (typeof v === 'object' && v !== null && !('meta' in v) && Object.values(v).some((x) => known.has(x as Analyzer)));
    const unregistered: string[] = [];
    for (const src of sources) {
      const base = src.replace(/\.ts$/, '');
      expect(files, `${base}.test.ts`).toContain(`${base}.test.ts`);
      expect(files, `${base}.fixture.yaml`).toContain(`${base}.fixture.yaml`);
      const mod = (await import(new URL(src, dir).href)) as Record<string, unknown>;
      if (!Object.values(mod).some(isRegistered)) unregistered.push(src);
    }
    expect(unregistered, 'analyzer files missing from registry.ts').toEqual([]);
  });

  it('gives each earlier sailctl name to one analyzer only, and no alias shadows a name', () => {
    const names = new Set(ANALYZERS.map((a) => a.meta.name));
    const aliases = ANALYZERS.flatMap((a) => a.meta.aliases ?? []);
    expect(new Set(aliases).size).toBe(aliases.length);
    expect(aliases.filter((a) => names.has(a))).toEqual([]);
  });

  it('describes every analyzer and declares only known kinds', () => {
    for (const a of ANALYZERS) {
      expect(a.meta.name, a.meta.name).toMatch(/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/);
      expect(a.meta.description.length, a.meta.name).toBeGreaterThan(10);
      expect(a.meta.inputs.length, a.meta.name).toBeGreaterThan(0);
      for (const k of a.meta.inputs) expect(kindInfo(k), `${a.meta.name} input ${k}`).toBeDefined();
    }
  });

  it('analyzers read only the kinds they declare (run over every fixture)', () => {
    const loaded = files
      .filter((f) => f.endsWith('.fixture.yaml'))
      .flatMap((f) => parseResources({ name: f, text: readFileSync(new URL(f, dir), 'utf8') }).resources);
    const accessLog = new Map<string, Set<string>>();
    runAnalyzers({ snapshot: new Snapshot({ files: loaded }), analyzers: ANALYZERS, strict: true, accessLog });
    for (const a of ANALYZERS) {
      const read = [...(accessLog.get(a.meta.name) ?? [])];
      expect(read.filter((k) => !a.meta.inputs.includes(k)), a.meta.name).toEqual([]);
    }
  });

  it('selects analyzers by exact name, alias, prefix and glob; falls back to all when nothing matches', () => {
    const first = ANALYZERS[0]!;
    expect(selectAnalyzers([first.meta.name]).selected).toEqual([first]);
    expect(selectAnalyzers([first.meta.name.split('.')[0]!]).selected).toContain(first);
    expect(selectAnalyzers(['*']).selected.length).toBe(ANALYZERS.length);
    expect(selectAnalyzers(['sidecar.DefaultSelectorAnalyzer']).selected.map((a) => a.meta.name)).toEqual(['sidecar.SelectorAnalyzer']);
    expect(selectAnalyzers(['schema.ValidationAnalyzer']).selected.map((a) => a.meta.name)).toContain('schema.ValidationAnalyzer.VirtualService');
    // Opt-in analyzers run only when named.
    expect(selectAnalyzers([]).selected.map((a) => a.meta.name)).not.toContain('annotations.AlphaAnalyzer');
    expect(selectAnalyzers(['annotations.AlphaAnalyzer']).selected.map((a) => a.meta.name)).toEqual(['annotations.AlphaAnalyzer']);
    // As istioctl: an unknown name alone selects every default analyzer; beside a known one it is ignored.
    expect(selectAnalyzers(['nope.Nothing'])).toEqual({ selected: DEFAULT_ANALYZERS, unknown: ['nope.Nothing'], fellBackToAll: true });
    expect(selectAnalyzers(['nope.Nothing', first.meta.name])).toEqual({ selected: [first], unknown: ['nope.Nothing'], fellBackToAll: false });
    expect(inputKinds([first])).toEqual([...first.meta.inputs].sort());
  });
});
