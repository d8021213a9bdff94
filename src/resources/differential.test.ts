/**
 * The fast reader (js-yaml, lazy positions) against the reference reader (the `yaml` package): every YAML file
 * of the repository's tests and fixtures, and a set of tricky texts, must give the same problems, the same
 * resources with the same values and origins, and the same position for every path (as value and as key).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseResources } from './parse.js';
import { parseResourcesWithYaml } from './reference.js';
import type { LoadResult, PathSegment, SourceText } from './types.js';

const root = join(import.meta.dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : yamlFiles(path);
    return /\.(?:ya?ml|json)$/.test(e.name) ? [path] : [];
  });
}

/** Every path of a value, the empty path included. */
function paths(value: unknown, prefix: PathSegment[] = []): PathSegment[][] {
  const out: PathSegment[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

/** The differences between the two readers' results, as readable lines (none when they agree). */
function differences(source: SourceText): string[] {
  const fast: LoadResult = parseResources(source);
  const reference: LoadResult = parseResourcesWithYaml(source);
  const diffs: string[] = [];
  if (!isDeepStrictEqual(fast.problems, reference.problems)) diffs.push(`problems: ${JSON.stringify(fast.problems)} vs ${JSON.stringify(reference.problems)}`);
  if (fast.resources.length !== reference.resources.length) return [...diffs, `resources: ${fast.resources.length} vs ${reference.resources.length}`];
  fast.resources.forEach((f, i) => {
    const r = reference.resources[i];
    if (!r) return;
    const { locate: _f, ...fastFields } = f;
    const { locate: _r, ...refFields } = r;
    if (!isDeepStrictEqual(fastFields, refFields)) diffs.push(`resource ${i}: ${JSON.stringify(fastFields)} vs ${JSON.stringify(refFields)}`);
    for (const path of paths(r.object)) {
      for (const at of ['value', 'key'] as const) {
        const a = f.locate(path, at);
        const b = r.locate(path, at);
        if (!isDeepStrictEqual(a, b)) diffs.push(`resource ${i} ${JSON.stringify(path)} ${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      }
    }
  });
  return diffs;
}

const files = [...yamlFiles(join(root, 'test')), ...yamlFiles(join(root, 'src'))].sort();

/** Texts that take each of the fast reader's branches, and a few that js-yaml and `yaml` read differently. */
const TRICKY: Record<string, string> = {
  'comments, markers and empty documents': '# a\n---\n# b\n---\napiVersion: v1\nkind: A\nmetadata: {name: a}\n--- \n\n---\n  # c\n  apiVersion: v1\n  kind: B\n',
  'content on the marker line': '--- {apiVersion: v1, kind: A, metadata: {name: a}}\n---   # note\napiVersion: v1\nkind: B\n',
  'first document without a marker, then a marker': 'apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\n---\n',
  'a document end marker': 'apiVersion: v1\nkind: A\n...\n---\napiVersion: v1\nkind: B\n',
  directives: '%YAML 1.1\n---\napiVersion: v1\nkind: A\n',
  'anchors, aliases and merge keys': 'apiVersion: v1\nkind: A\nbase: &b {x: 1, y: 2}\nspec:\n  <<: *b\n  y: 3\n  z: *b\n',
  'inline merge key': 'apiVersion: v1\nkind: A\nspec:\n  <<: {x: 1}\n  x: 2\n',
  tags: 'apiVersion: v1\nkind: A\ndata:\n  a: !!str 0777\n  b: !!int "12"\n  c: !custom x\n',
  'complex keys': 'apiVersion: v1\nkind: A\n? [a, b]\n: c\n',
  'YAML 1.1 scalars': 'apiVersion: v1\nkind: A\nv: [yes, No, ON, off, y, n, Y, N, 0777, 0x1F, 0b101, 1_000, "1_000", 1:30, 1:30.5, -0, +12, 1e3, .5, ., .inf, -.Inf, .nan, ~, null, Null, 2001-12-14, 2001-12-14t21:59:43.10-05:00, "yes", \'on\', 09, 0o17, 12e, 1.2.3]\ny: key\nn: key\non: key\n',
  'glued colons in flow collections': 'apiVersion: v1\nkind: A\nspec:\n  a: [1.2.3.4, 001:db8::, a:, b: c]\n  b: {x:, y: z}\n',
  'block scalars and multi-line plain and quoted scalars': 'apiVersion: v1\nkind: A\ndata:\n  a: |\n    line 1\n     line 2\n\n  b: >-\n    folded\n    text\n  c: plain\n    continued\n  d: "double\n    \\t quoted \\u00e9"\n  e: \'single \'\'quoted\'\'\n    more\'\n',
  'a list of resources': 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: A\n  metadata: {name: a}\n- null\n- apiVersion: v1\n  kind: B\n  spec: {x: [1, 2]}\n',
  'not mappings and missing kinds': '- a\n---\n"text"\n---\n42\n---\nmetadata: {name: x}\n---\napiVersion: v1\n',
  'syntax error in a later document': 'apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: [x\n',
  'duplicate keys': 'apiVersion: v1\nkind: A\nkind: B\n',
  'keys that clash only as text': 'apiVersion: v1\nkind: A\ndata:\n  1: a\n  "1": b\n',
  'CRLF line ends': 'apiVersion: v1\r\nkind: A\r\nspec:\r\n  x: [1, 2]\r\n---\r\napiVersion: v1\r\nkind: B\r\n',
  'tabs and odd spacing': 'apiVersion: v1\nkind: A\ndata:\n  a:\tb\n  c: "x\ty"\n',
  'JSON': '{"apiVersion": "v1", "kind": "A", "spec": {"x": [1, 2.5, true, null, "s"]}}\n',
  'a marker-like plain scalar': 'apiVersion: v1\nkind: A\ndata:\n  a: |\n    ---x\n---x: 1\n',
  'a comment glued to a closing quote': 'apiVersion: v1\nkind: A\nx: a #c\ny: "b"#c\n',
  'prototype keys': 'apiVersion: v1\nkind: A\n__proto__: {polluted: 1}\ndata: {__proto__: [1]}\n',
  'trailing commas, odd indents and escapes': 'apiVersion: v1\nkind: A\na: {x: 1,}\nb: [p, q,]\nc:\n- d\n -e\nf: "a\\x41"\ng: |2\n   two\nh: [i\n  , j]\n',
  'an implicit key over 1024 characters': `apiVersion: v1\nkind: A\n${'k'.repeat(1100)}: v\n---\napiVersion: v1\nkind: B\nx: ${'v'.repeat(1100)}\n`,
  'lone carriage returns': 'apiVersion: v1\rkind: A\rx: 1\r',
  'unicode': 'apiVersion: v1\nkind: A\nmetadata: {name: "é😀"}\ndata: {k: 😀 é, "ü": [ä]}\n',
};

describe('the fast reader gives what the reference reader gives', () => {
  it(`for every YAML file under test/ and src/ (${files.length} files)`, () => {
    expect(files.length).toBeGreaterThan(100);
    const failed = files.flatMap((file) => differences({ name: file, text: readFileSync(file, 'utf8') }).map((d) => `${file.slice(root.length + 1)}: ${d}`));
    expect(failed).toEqual([]);
  });

  it.each(Object.entries(TRICKY))('for %s', (name, text) => {
    expect(differences({ name: `${name}.yaml`, text })).toEqual([]);
  });
});
