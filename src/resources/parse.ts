/**
 * YAML text -> resources with origins. Malformed documents, alias bombs, oversized documents, non-mappings,
 * duplicate keys and missing apiVersion/kind become LoadProblems with file:line:col; the other documents of
 * the same file are still returned.
 *
 * Documents are read as Kubernetes reads them (sigs.k8s.io/yaml, i.e. go-yaml v2), where that differs from
 * the `yaml` package's YAML 1.2 defaults: plain scalars resolve by YAML 1.1 rules (`yes`/`on`/`y` are true,
 * `0777` is octal, `1_000` is 1000; timestamps stay strings, as after Kubernetes' JSON conversion they are
 * text anyway), and inside flow collections a `:` ends a plain scalar only before a space, so
 * `[1.2.3.4, 001:db8::]` holds two strings, not a string and a mapping.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, visit, type Document, type Node, type Pair, type Tags } from 'yaml';
import { excessiveNesting, MAX_NESTING_DEPTH } from './depth.js';
import type { LoadedResource, LoadProblem, LoadResult, PathSegment, Position, SourceText } from './types.js';

import { MAX_DOCUMENT_BYTES } from './limits.js';

export { MAX_DOCUMENT_BYTES };
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

/** YAML 1.1 tags without timestamps (kept as the text they are). */
const withoutTimestamps = (tags: Tags) => tags.filter((t) => (typeof t === 'string' ? t !== 'timestamp' : t.tag !== 'tag:yaml.org,2002:timestamp'));
const FLOW_END = new Set([',', ']', '}']);

/**
 * go-yaml keeps a `:` that is followed by `,` `]` or `}` inside a plain scalar (`[001:db8::]`, `[a:, b]`); the
 * `yaml` package reads it as a key with no value. Such pairs become the plain string go-yaml reads, with their
 * source range, in flow sequences (as items) and flow mappings (as keys).
 */
function goYamlFlowScalars(doc: Document, text: string): void {
  const glued = (pair: Pair): Scalar | undefined => {
    const key = pair.key;
    if (!isScalar(key) || key.type !== 'PLAIN' || (pair.value !== null && !(isScalar(pair.value) && pair.value.range?.[0] === pair.value.range?.[1]))) return undefined;
    const end = key.range?.[1];
    if (end === undefined || text[end] !== ':' || !FLOW_END.has(text[end + 1] ?? '')) return undefined;
    const out = new Scalar(`${text.slice(key.range?.[0], end)}:`);
    out.type = 'PLAIN';
    out.range = [key.range?.[0] ?? end, end + 1, end + 1];
    return out;
  };
  visit(doc, {
    Seq(_, seq) {
      if (!seq.flow) return;
      seq.items = seq.items.map((item) => {
        const pair = isPair(item) ? item : isMap(item) && item.flow && item.items.length === 1 && item.range?.[0] === (item.items[0]?.key as Node | null)?.range?.[0] ? item.items[0] : undefined;
        return (pair && glued(pair)) ?? item;
      });
    },
    Map(_, map) {
      if (!map.flow) return;
      for (const pair of map.items) {
        const key = glued(pair);
        if (key) pair.key = key;
      }
    },
  });
}

function positionOf(lc: LineCounter, offset: number | undefined): Position {
  const p = lc.linePos(offset ?? 0);
  return { line: p.line, col: p.col };
}

/** Parses one file's text. `fileOffsetBase` is unused by callers today; positions are relative to `text`. */
export interface ParseOptions {
  /** A document without metadata.name (or generateName) is a located problem, not a resource (validate, analyze). */
  requireName?: boolean;
}

export function parseResources(source: SourceText, options: ParseOptions = {}): LoadResult {
  const resources: LoadedResource[] = [];
  const problems: LoadProblem[] = [];
  const lc = new LineCounter();
  const problem = (offset: number | undefined, kind: LoadProblem['kind'], message: string) =>
    problems.push({ file: source.name, ...positionOf(lc, offset), kind, message });

  const deep = excessiveNesting(source.text);
  if (deep) {
    problems.push({ file: source.name, ...deep, kind: 'limit', message: `nesting deeper than ${MAX_NESTING_DEPTH} levels` });
    return { resources, problems };
  }
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(source.text, {
      lineCounter: lc,
      prettyErrors: false,
      uniqueKeys: true,
      schema: 'yaml-1.1',
      customTags: withoutTimestamps,
      merge: true,
    }) as Document.Parsed[];
  } catch (err) {
    problem(0, 'syntax', `cannot parse YAML: ${(err as Error).message}`);
    return { resources, problems };
  }
  if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  // Only a text with a `:` glued before `,` `]` or `}` can hold what go-yaml reads differently.
  const gluedColons = /:[,\]}]/.test(source.text);

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
    if (gluedColons) goYamlFlowScalars(doc, source.text);
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
      if (options.requireName && (typeof meta.name !== 'string' || meta.name === '') && (typeof meta.generateName !== 'string' || meta.generateName === '')) {
        // Without a name the object has no key: analyze would merge every such object under `default/`.
        const at = object.metadata === undefined ? here : locate(['metadata'], 'key');
        problems.push({ file: source.name, ...at, kind: 'structure', message: `${kind} is missing metadata.name` });
        return;
      }
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
