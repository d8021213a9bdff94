/** Meta-tests over every registered analyzer: registration, naming, descriptions, declared inputs. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseResources } from '../resources/parse.js';
import { kindInfo } from './kinds.js';
import { ANALYZERS, inputKinds, selectAnalyzers } from './registry.js';
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
    const unregistered: string[] = [];
    for (const src of sources) {
      const base = src.replace(/\.ts$/, '');
      expect(files, `${base}.test.ts`).toContain(`${base}.test.ts`);
      expect(files, `${base}.fixture.yaml`).toContain(`${base}.fixture.yaml`);
      const mod = (await import(new URL(src, dir).href)) as Record<string, unknown>;
      if (!Object.values(mod).some((v) => ANALYZERS.includes(v as Analyzer))) unregistered.push(src);
    }
    expect(unregistered, 'analyzer files missing from registry.ts').toEqual([]);
    expect(sources.length).toBe(ANALYZERS.length);
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

  it('selects analyzers by exact name, by prefix and by glob; reports unknown names', () => {
    const first = ANALYZERS[0]!;
    expect(selectAnalyzers([first.meta.name]).selected).toEqual([first]);
    expect(selectAnalyzers([first.meta.name.split('.')[0]!]).selected).toContain(first);
    expect(selectAnalyzers(['*']).selected.length).toBe(ANALYZERS.length);
    expect(selectAnalyzers(['nope.Nothing']).unknown).toEqual(['nope.Nothing']);
    expect(inputKinds([first])).toEqual([...first.meta.inputs].sort());
  });
});
