import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileTemplate } from './index.js';
import { marshalYaml, yamlKeyLess } from './goyaml.js';

const toYaml = (v: unknown): string => compileTemplate('t', '{{toYaml .}}').execute(v);

describe('toYaml writes what sigs.k8s.io/yaml (yaml.v2) writes, without the final newline', () => {
  const cases: readonly [string, unknown, string][] = [
    ['a flat map, keys sorted', { b: 'x', a: 1 }, 'a: 1\nb: x'],
    ['sequences are not indented under their key; maps inside start on the dash line', { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] } }, 'spec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80'],
    ['sequences of sequences', [[1, 2], [3]], '- - 1\n  - 2\n- - 3'],
    ['empty collections are flow style', { a: {}, b: [] }, 'a: {}\nb: []'],
    ['null, booleans, floats', { a: null, b: true, c: 0.5, d: 1e-7 }, 'a: null\nb: true\nc: 0.5\nd: 1e-07'],
    ['strings that would read as other types are double-quoted', { a: 'true', b: '123', c: '', d: '1.5', e: 'null', f: 'y', g: '0x1F', h: '2001-12-14', i: '~', j: '1:20' }, 'a: "true"\nb: "123"\nc: ""\nd: "1.5"\ne: "null"\nf: "y"\ng: "0x1F"\nh: "2001-12-14"\ni: "~"\nj: "1:20"'],
    ['strings with indicators are single-quoted', { a: 'a: b', b: '- x', c: '#c', d: ' lead', e: "it's", f: '*star', g: 'x #y' }, "a: 'a: b'\nb: '- x'\nc: '#c'\nd: ' lead'\ne: it's\nf: '*star'\ng: 'x #y'"],
    ['plain strings stay plain', { a: 'x y', b: 'a-b', c: 'a:b', d: '100m', e: 'é' }, 'a: x y\nb: a-b\nc: a:b\nd: 100m\ne: é'],
    ['multi-line strings are literal blocks with chomping indicators', { a: 'l1\nl2\n', b: 'l1\nl2', c: 'l1\n\n' }, 'a: |\n  l1\n  l2\nb: |-\n  l1\n  l2\nc: |+\n  l1\n'],
    ['control characters force double quotes', { a: 'tab\there', b: 'x \ny' }, 'a: "tab\\there"\nb: "x \\ny"'],
    ['keys are quoted like values', { 'true': 1, '': 2, 'a b': 3 }, '"": 2\na b: 3\n"true": 1'],
    ['a scalar alone', 'x', 'x'],
    ['an empty map', {}, '{}'],
  ];
  it.each(cases)('%s', (_name, value, expected) => {
    expect(toYaml(value)).toBe(expected);
  });

  it('orders keys as yaml.v2: non-letters first, upper case before lower, digit runs by value', () => {
    const keys = ['b10', 'b9', 'a', 'B', '_x', 'a1', 'a01'];
    const sorted = [...keys].sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
    expect(sorted).toEqual(['_x', 'B', 'a', 'a1', 'a01', 'b9', 'b10']);
  });

  it('folds long plain strings past column 80 and the result reads back the same', () => {
    const long = Array.from({ length: 14 }, (_, i) => `word${i}xx`).join(' ');
    const out = marshalYaml({ description: long });
    const lines = out.trimEnd().split('\n');
    expect(lines.length).toBe(2);
    expect(lines[0]!.length).toBeGreaterThan(80);
    expect(lines[1]!.startsWith('  word')).toBe(true);
    expect(parse(out)).toEqual({ description: long });
  });

  it('round-trips nested data through a YAML parser', () => {
    const value = { z: [{ b: 'true', a: ['x', { y: null }] }], 'k:v': 'a: b', m: 'multi\nline\n', n: -1.25 };
    expect(parse(marshalYaml(value))).toEqual(value);
  });
});
