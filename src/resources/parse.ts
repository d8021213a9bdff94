/**
 * YAML text -> resources with origins. Malformed documents, alias bombs, oversized documents, non-mappings,
 * duplicate keys and missing apiVersion/kind become LoadProblems with file:line:col; the other documents of
 * the same file are still returned.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { LoadedResource, LoadProblem, LoadResult, PathSegment, Position, SourceText } from './types.js';

/** Largest document accepted, as the Kubernetes API server's request limit order of magnitude. */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;
/** Alias expansions allowed per document before it is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

function nodeAt(doc: Document, path: readonly PathSegment[], at: 'key' | 'value'): Node | undefined {
  let node: unknown = doc.contents;
  let last: Node | undefined = node as Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const isLast = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return last;
      if (isLast && at === 'key' && pair.key) return pair.key as Node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      if (node === undefined) return last;
    } else {
      return last;
    }
    last = node as Node;
  }
  return last;
}

function positionOf(lc: LineCounter, offset: number | undefined): Position {
  const p = lc.linePos(offset ?? 0);
  return { line: p.line, col: p.col };
}

/** Parses one file's text. `fileOffsetBase` is unused by callers today; positions are relative to `text`. */
export function parseResources(source: SourceText): LoadResult {
  const resources: LoadedResource[] = [];
  const problems: LoadProblem[] = [];
  const lc = new LineCounter();
  const problem = (offset: number | undefined, kind: LoadProblem['kind'], message: string) =>
    problems.push({ file: source.name, ...positionOf(lc, offset), kind, message });

  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(source.text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true }) as Document.Parsed[];
  } catch (err) {
    problem(0, 'syntax', `cannot parse YAML: ${(err as Error).message}`);
    return { resources, problems };
  }
  if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];

  docs.forEach((doc, docIndex) => {
    const start = doc.range?.[0] ?? 0;
    const end = doc.range?.[2] ?? doc.range?.[1] ?? start;
    if (end - start > MAX_DOCUMENT_BYTES) {
      problem(start, 'limit', `document ${docIndex + 1} is larger than 32 MiB; refusing to read it`);
      return;
    }
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const reason = e.code === 'DUPLICATE_KEY' ? `duplicate key: ${e.message.split('\n')[0]}` : e.message.split('\n')[0];
        problem(e.pos[0], 'syntax', reason ?? 'invalid YAML');
      }
      return;
    }
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return; // empty document
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      const msg = (err as Error).message;
      problem(
        start,
        'limit',
        /alias/i.test(msg) ? `too many YAML alias expansions (more than ${MAX_ALIAS_COUNT}); refusing a possible alias bomb` : msg,
      );
      return;
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      problem(doc.contents?.range?.[0] ?? start, 'structure', `document ${docIndex + 1} is not a mapping (found ${Array.isArray(data) ? 'a list' : typeof data})`);
      return;
    }
    const locateIn =
      (prefix: readonly PathSegment[]) =>
      (path: readonly PathSegment[], at: 'key' | 'value' = 'value'): Position =>
        positionOf(lc, nodeAt(doc, [...prefix, ...path], at)?.range?.[0] ?? start);
    const add = (object: Record<string, unknown>, prefix: readonly PathSegment[]) => {
      const locate = locateIn(prefix);
      const here = locate([]);
      const apiVersion = object.apiVersion;
      const kind = object.kind;
      if (typeof apiVersion !== 'string' || apiVersion === '' || typeof kind !== 'string' || kind === '') {
        const missing = [typeof apiVersion !== 'string' || !apiVersion ? 'apiVersion' : '', typeof kind !== 'string' || !kind ? 'kind' : '']
          .filter(Boolean)
          .join(' and ');
        problems.push({ file: source.name, ...here, kind: 'structure', message: `resource is missing ${missing}` });
        return;
      }
      const meta = (object.metadata ?? {}) as Record<string, unknown>;
      resources.push({
        apiVersion,
        kind,
        name: typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : '',
        namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
        object,
        origin: { file: source.name, docIndex, ...here },
        locate,
      });
    };
    const obj = data as Record<string, unknown>;
    if (obj.kind === 'List' || (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items))) {
      const items = Array.isArray(obj.items) ? obj.items : [];
      items.forEach((item, i) => {
        if (item === null || typeof item !== 'object' || Array.isArray(item)) {
          problems.push({ file: source.name, ...locateIn(['items', i])([]), kind: 'structure', message: `items[${i}] is not a mapping` });
        } else add(item as Record<string, unknown>, ['items', i]);
      });
      return;
    }
    add(obj, []);
  });
  return { resources, problems };
}
