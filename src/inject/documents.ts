/**
 * A YAML stream split into its documents, each with its data, the span of its content in the text and the
 * position where it starts. Plain block-style streams take a fast path (fastyaml, about ten times quicker
 * on a cold start); anything else, and every error, goes through the yaml package, which reports exact
 * line:col positions.
 */
import { excessiveNesting, MAX_NESTING_DEPTH } from '../resources/depth.js';
import { MAX_DOCUMENT_BYTES } from '../resources/limits.js';
import { parseFastYaml, Unsupported } from './fastyaml.js';
import type { InjectProblem } from './types.js';
import { requireYaml, type FullYaml } from './yaml-port.js';

export interface Position {
  line: number;
  col: number;
}

export interface DocumentSpan {
  value: unknown;
  /** Offsets of the content (from its first character to the end of its last line). */
  start: number;
  end: number;
  at: Position;
  /** Position of `items[i]` for `kind: List` documents. */
  itemAt(index: number): Position | undefined;
}

const MARKER = /^---[ \t]*(#.*)?$/;

function fastDocuments(text: string): DocumentSpan[] | undefined {
  const out: DocumentSpan[] = [];
  let line = 1;
  let offset = 0;
  let first: { offset: number; line: number; col: number } | undefined;
  let lastEnd = 0;
  let docStart = 0;
  const close = (endOffset: number): boolean => {
    if (first) {
      let value: unknown;
      try {
        value = parseFastYaml(text.slice(docStart, endOffset));
      } catch (err) {
        if (err instanceof Unsupported) return false;
        throw err;
      }
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { kind?: unknown }).kind === 'string' && ((value as { kind: string }).kind.endsWith('List'))) return false;
      const at = { line: first.line, col: first.col };
      if (value !== null) out.push({ value, start: first.offset, end: lastEnd, at, itemAt: () => undefined });
    }
    first = undefined;
    return true;
  };
  while (offset <= text.length) {
    const nl = text.indexOf('\n', offset);
    const end = nl === -1 ? text.length : nl;
    const content = text.slice(offset, end);
    if (content.startsWith('---') || content.startsWith('...') || content.startsWith('%')) {
      if (!MARKER.test(content)) return undefined;
      if (!close(offset)) return undefined;
      docStart = nl === -1 ? text.length : nl + 1;
    } else {
      const trimmed = content.trimStart();
      if (trimmed !== '' && !trimmed.startsWith('#')) {
        first ??= { offset: offset + (content.length - trimmed.length), line, col: content.length - trimmed.length + 1 };
        lastEnd = nl === -1 ? text.length : nl + 1;
      }
    }
    if (nl === -1) break;
    offset = nl + 1;
    line++;
  }
  return close(text.length) ? out : undefined;
}

function slowDocuments(text: string, yaml: FullYaml): { docs: DocumentSpan[]; problems: InjectProblem[] } {
  const lc = new yaml.LineCounter();
  const problems: InjectProblem[] = [];
  const docs: DocumentSpan[] = [];
  const parsed = yaml.parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, logLevel: 'error' });
  const list = Array.isArray(parsed) ? parsed : [];
  for (const doc of list) {
    for (const e of doc.errors) {
      const p = lc.linePos(e.pos[0]);
      problems.push({ line: p.line, col: p.col, message: e.message.split('\n')[0] ?? 'invalid YAML' });
    }
  }
  if (problems.length > 0) return { docs, problems };
  for (const doc of list) {
    const contents = doc.contents;
    if (!contents || !contents.range) continue;
    const at = lc.linePos(contents.range[0]);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      problems.push({ line: at.line, col: at.col, message: (err as Error).message });
      continue;
    }
    if (value === null || value === undefined) continue; // an empty document
    const itemAt = (index: number) => {
      const items = doc.get('items', true) as { items?: Array<{ range?: [number, number, number] }> } | undefined;
      const range = items?.items?.[index]?.range;
      return range ? lc.linePos(range[0]) : undefined;
    };
    docs.push({ value, start: contents.range[0], end: contents.range[2], at: { line: at.line, col: at.col }, itemAt });
  }
  return { docs, problems };
}

export function splitDocuments(text: string, options: { fast?: boolean; yaml?: FullYaml } = {}): { docs: DocumentSpan[]; problems: InjectProblem[] } {
  // Both parsers, and the transforms after them, recurse per level: refuse what would overflow the stack.
  const deep = excessiveNesting(text);
  if (deep) return { docs: [], problems: [{ ...deep, message: `nesting deeper than ${MAX_NESTING_DEPTH} levels` }] };
  const fast = options.fast === false ? undefined : fastDocuments(text);
  const split = fast ? { docs: fast, problems: [] } : slowDocuments(text, requireYaml(options.yaml, 'the input is not plain block YAML'));
  // The stream may be large (--max-input-size); each document is limited as every sailctl reader limits it.
  const huge = split.docs.filter((d) => d.end - d.start > MAX_DOCUMENT_BYTES);
  return huge.length === 0 ? split : { docs: [], problems: huge.map((d) => ({ ...d.at, message: `document is over the ${MAX_DOCUMENT_BYTES / 1048576} MiB limit per document` })) };
}
