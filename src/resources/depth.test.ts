import { describe, expect, it } from 'vitest';
import { excessiveNesting } from './depth.js';

const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n';

describe('excessiveNesting', () => {
  it.each([
    ['flow', `${pod}spec: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, { line: 4, col: 6 + 256 }],
    ['block mappings', `${pod}spec:\n${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i + 1)}a:\n`).join('')}`, { line: 4 + 256, col: 2 * 256 + 1 }],
    ['block sequences', `${pod}spec:\n${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i + 1)}-\n`).join('')}`, { line: 4 + 255, col: 2 * 256 + 1 }],
    ['JSON', `{"a":${'{"a":'.repeat(999)}1${'}'.repeat(1000)}`, { line: 1, col: 5 * 255 + 1 }],
  ])('finds %s nesting past the limit, with its position', (_what, text, at) => {
    expect(excessiveNesting(text)).toEqual(at);
  });

  it.each([
    ['a real object', `${pod}spec:\n  containers:\n  - name: a\n    args: ["[", "{", '[[[']\n    command: [sh, -c, 'echo [[[ # ]']\n`],
    ['brackets in plain scalars and comments', `${pod}data:\n  a: x[[[[[[[\n  b: "{{{{{{" # [[[[\n${'  c: y[\n'.repeat(300)}`],
    ['a block scalar full of brackets and indentation', `${pod}data:\n  ini: |\n${Array.from({ length: 400 }, (_, i) => `    ${' '.repeat(i)}[${i}\n`).join('')}  next: 1\n`],
  ])('accepts %s', (_what, text) => {
    expect(excessiveNesting(text)).toBeUndefined();
  });
});
