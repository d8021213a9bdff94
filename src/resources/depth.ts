/**
 * A linear pre-scan of YAML (or JSON) text for nesting deeper than sailctl will parse. The parsers (the yaml
 * package, kube-inject's fastyaml) and the transforms after them recurse once per level, so 5,000 levels of
 * `[[[[...` would end in "Maximum call stack size exceeded"; with this check they end in a located exit 65.
 *
 * The scan over-estimates rather than misses: block levels come from the stack of indentations (and `- `
 * prefixes), flow levels from `[`/`{` outside quotes and comments; block scalars (`|`, `>`) are skipped.
 * No real Kubernetes object comes near the limit.
 */
import type { Position } from './types.js';

/** Deepest nesting accepted, block and flow levels together. */
export const MAX_NESTING_DEPTH = 256;

const BLOCK_SCALAR = /(?:^|[\s:-])[|>][-+0-9]*\s*(?:#.*)?$/;
const VALUE_START = new Set(['', ':', '-', '[', '{', ',', '?']);

/** Where the nesting first goes deeper than `max`, or undefined. */
export function excessiveNesting(text: string, max = MAX_NESTING_DEPTH): Position | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let scalarParent: number | undefined;
  let line = 0;
  let offset = 0;
  while (offset <= text.length) {
    line++;
    const nl = text.indexOf('\n', offset);
    const end = nl === -1 ? text.length : nl;
    const content = text.slice(offset, end);
    offset = end + 1;
    const indent = content.length - content.trimStart().length;
    const blank = content.trim() === '' || content.trimStart().startsWith('#');
    if (scalarParent !== undefined) {
      if (blank || indent > scalarParent) continue;
      scalarParent = undefined;
    }
    if (blank && quote === undefined) continue;
    let i = indent;
    if (quote === undefined && flow === 0) {
      while (indents.length > 0 && (indents.at(-1) as number) >= indent) indents.pop();
      indents.push(indent);
      while (content.startsWith('- ', i) || (content.length === i + 1 && content[i] === '-')) {
        indents.push(i + 2);
        i += 2;
        while (content[i] === ' ') i++;
      }
      if (indents.length + flow > max) return { line, col: i + 1 };
    }
    let previous = quote === undefined ? '' : 'x';
    for (; i < content.length; i++) {
      const c = content[i] as string;
      if (quote !== undefined) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote && quote === "'" && content[i + 1] === "'") i++;
        else if (c === quote) quote = undefined;
        previous = 'x';
        continue;
      }
      if (c === ' ' || c === '\t') continue;
      if (c === '#' && (i === 0 || content[i - 1] === ' ' || content[i - 1] === '\t')) break;
      const starts = VALUE_START.has(previous);
      previous = 'x';
      if ((c === '"' || c === "'") && starts) quote = c;
      else if ((c === '[' || c === '{') && (flow > 0 || starts)) {
        flow++;
        previous = c;
        if (indents.length + flow > max) return { line, col: i + 1 };
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
      else if (c === ':' || c === ',' || c === '?' || (c === '-' && starts)) previous = c;
    }
    if (quote === undefined && flow === 0 && BLOCK_SCALAR.test(content)) scalarParent = indent;
    if (nl === -1) break;
  }
  return undefined;
}
