import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { emitYaml } from './emit.js';

describe('emitYaml', () => {
  it('writes kubectl-style YAML: sequences at the key indentation, nested maps by two spaces', () => {
    const doc = { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }], empty: {}, none: [] } };
    expect(emitYaml(doc)).toBe(
      'spec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n  empty: {}\n  none: []\n',
    );
  });

  it.each([
    ['15001', '"15001"'],
    ['*', "'*'"],
    ['', '""'],
    ['yes', '"yes"'],
    ['null', '"null"'],
    ['-p', '-p'],
    ['--domain', '--domain'],
    ['$(POD_NAMESPACE).svc.cluster.local', '$(POD_NAMESPACE).svc.cluster.local'],
    ['a: b', "'a: b'"],
    ["it's #1", '"it\'s #1"'],
    ['2024-01-02', '"2024-01-02"'],
    [' padded', "' padded'"],
    ['{"a":1}', '\'{"a":1}\''],
  ])('quotes %j only when needed', (input, expected) => {
    expect(emitYaml({ v: input })).toBe(`v: ${expected}\n`);
  });

  it('uses literal blocks for multi-line strings and keeps their exact value', () => {
    const doc = { a: '{}\n', b: '[\n    {"x":1}\n]', c: 'trailing  \nspaces\n', d: '\n\nleading' };
    const text = emitYaml(doc);
    expect(text).toContain('a: |\n  {}\n');
    expect(text).toContain('b: |-\n  [\n      {"x":1}\n  ]\n');
    expect(parse(text)).toEqual(doc);
  });

  it('round-trips awkward values through the yaml parser', () => {
    const doc = {
      'app.kubernetes.io/name': 'x',
      list: [[1, 2], [], {}, null, true, 0.5, -3, 'a\tb', 'ünïcödé', '- item', '? q', '@at', '`tick`', '#hash'],
      nested: [{ a: [{ b: 'c' }] }],
    };
    expect(parse(emitYaml(doc))).toEqual(doc);
  });
});
