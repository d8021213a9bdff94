import { readdirSync, readFileSync } from 'node:fs';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { splitDocuments } from './documents.js';

const fixtures = new URL('../../test/fixtures/inject/', import.meta.url);
const files = readdirSync(fixtures).flatMap((c) => ['input.yaml', 'output.yaml'].map((f) => `${c}/${f}`));
const strip = (r: ReturnType<typeof splitDocuments>) => ({ problems: r.problems, docs: r.docs.map(({ value, start, end, at }) => ({ value, start, end, at })) });

describe('splitDocuments', () => {
  it.each(files)('the fast path agrees with the yaml package on %s', (file) => {
    const text = readFileSync(new URL(file, fixtures), 'utf8');
    expect(strip(splitDocuments(text, { yaml: YAML }))).toEqual(strip(splitDocuments(text, { fast: false, yaml: YAML })));
  });

  it.each([
    ['comments and markers', '# c\n---\na: 1 # x\n\n# tail\n---\n---   # empty\nb: [1, 2]\n'],
    ['a document without a final newline', 'a: 1\n---\nb: 2'],
    ['indented first line', '  a: 1\n  b: 2\n'],
    ['inline content after the marker (slow path)', '--- {a: 1}\n'],
    ['duplicate keys (slow path reports them)', 'a: 1\na: 2\n'],
    ['CRLF line ends (slow path)', 'a: 1\r\nb: 2\r\n'],
  ])('agrees on %s', (_name, text) => {
    expect(strip(splitDocuments(text, { yaml: YAML }))).toEqual(strip(splitDocuments(text, { fast: false, yaml: YAML })));
  });
});
