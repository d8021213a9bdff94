import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NoInputError } from '../errors.js';
import { loadResources } from './index.js';
import { MAX_TREE_DEPTH } from './read.js';

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

  it('ends on symlink loops, with or without -R, and warns once per loop', async () => {
    const dir = tree();
    symlinkSync('..', join(dir, 'sub', 'up'));
    symlinkSync('.', join(dir, 'self.yaml'));
    symlinkSync('b.yaml', join(dir, 'a-loop.yaml'));
    symlinkSync('a-loop.yaml', join(dir, 'b.yaml'));
    const warnings: string[] = [];
    const deep = await loadResources([dir], { recursive: true, warn: (m) => warnings.push(m.replace(dir, 'D')) });
    expect(deep.resources.map((r) => r.name)).toEqual(['a', 'b']);
    expect(warnings).toEqual([
      'skipped D/a-loop.yaml: a symlink loop',
      'skipped D/b.yaml: a symlink loop',
      'skipped D/self.yaml: a directory already read (a symlink loop or a second link to it)',
      'skipped D/sub/up: a directory already read (a symlink loop or a second link to it)',
    ]);
    expect((await loadResources([dir], { warn: () => undefined })).resources.map((r) => r.name)).toEqual(['a']);
  });

  it('skips a FIFO inside a directory with a warning instead of blocking on it', async () => {
    const dir = tree();
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const warnings: string[] = [];
    const { resources } = await loadResources([dir], { warn: (m) => warnings.push(m) });
    expect(resources.map((r) => r.name)).toEqual(['a']);
    expect(warnings).toEqual([`skipped ${join(dir, 'pipe.yaml')}: it is a FIFO, not a file`]);
  });

  it('bounds the depth of -R', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-deep-'));
    let path = dir;
    for (let i = 0; i <= MAX_TREE_DEPTH; i++) mkdirSync((path = join(path, 'd')));
    const warnings: string[] = [];
    await loadResources([dir], { recursive: true, warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([`skipped ${path}: deeper than ${MAX_TREE_DEPTH} directory levels`]);
  });

  it('stops reading one byte past the limit, even from an endless device', async () => {
    const { problems } = await loadResources(['/dev/zero'], { maxFileBytes: 1024 });
    expect(problems.map((p) => [p.kind, p.message])).toEqual([['limit', 'input is over the 1024 bytes limit']]);
  });

  it('an existing file that cannot be read is NoInputError (exit 66) naming it', async () => {
    const err = await loadResources(['/proc/self/mem']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoInputError);
    expect((err as NoInputError).message).toBe('cannot read /proc/self/mem: input/output error');
    expect((err as NoInputError).exitCode).toBe(66);
  });
});
