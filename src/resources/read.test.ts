import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadResources } from './index.js';

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sailctl-read-'));
  writeFileSync(join(dir, 'a.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
  writeFileSync(join(dir, 'notes.txt'), 'not yaml');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'b.yml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n');
  writeFileSync(join(dir, 'latin1.yaml'), Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xe9, 0x0a]));
  return dir;
}

describe('loadResources', () => {
  it('reads YAML files of a directory, and sub-directories only when recursive', async () => {
    const dir = tree();
    const flat = await loadResources([dir]);
    expect(flat.resources.map((r) => r.name)).toEqual(['a']);
    const deep = await loadResources([dir], { recursive: true });
    expect(deep.resources.map((r) => r.name)).toEqual(['a', 'b']);
    expect(deep.resources[1]?.origin.file).toBe(join(dir, 'sub', 'b.yml'));
  });

  it('reports non-UTF-8 input and missing files as problems', async () => {
    const dir = tree();
    const { problems } = await loadResources([join(dir, 'latin1.yaml'), join(dir, 'missing.yaml')]);
    expect(problems.map((p) => [p.kind, p.message])).toEqual([
      ['encoding', 'input is not valid UTF-8 text'],
      ['io', 'no such file or directory'],
    ]);
  });

  it('reads stdin for -', async () => {
    const { resources } = await loadResources(['-'], { readStdin: async () => Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n') });
    expect(resources[0]?.origin.file).toBe('-');
    expect(resources[0]?.kind).toBe('Namespace');
  });

  it('refuses files over the size limit', async () => {
    const dir = tree();
    const { problems } = await loadResources([join(dir, 'a.yaml')], { maxFileBytes: 10 });
    expect(problems[0]?.kind).toBe('limit');
  });
});
