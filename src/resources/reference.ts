/**
 * The reference reader, all in the `yaml` package (parse.ts is the fast reader that gives the same result).
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
import type { LoadedResource, LoadProblem, LoadResult, PathSegment, Position, SourceText } from './types.js';

import { MAX_DOCUMENT_BYTES } from './limits.js';

export { MAX_DOCUMENT_BYTES };
/** Alias expansions allowed per document before it is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

export function nodeAt(doc: Document, path: readonly PathSegment[], at: 'key' | 'value'): Node | undefined {
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

/** The `yaml` package's options for reading as Kubernetes does (see the top of this file). */
export const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, schema: 'yaml-1.1', customTags: withoutTimestamps, merge: true } as const;

/** Only a text with a `:` glued before `,` `]` or `}` can hold what go-yaml reads differently. */
export const GLUED_COLON = /:[,\]}]/;

/**
 * go-yaml keeps a `:` that is followed by `,` `]` or `}` inside a plain scalar (`[001:db8::]`, `[a:, b]`); the
 * `yaml` package reads it as a key with no value. Such pairs become the plain string go-yaml reads, with their
 * source range, in flow sequences (as items) and flow mappings (as keys).
 */
export function goYamlFlowScalars(doc: Document, text: string): void {
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

/** Where a document's resources go, and how positions inside the document are found. */
export interface DocumentSink {
  /** A document without metadata.name (or generateName) is a located problem, not a resource (validate, analyze). */
  requireName?: boolean;
  name: string;
  resources: LoadedResource[];
  problems: LoadProblem[];
}

/**
 * One document's data -> resources (a `kind: List` gives its items) or problems. `locateIn(prefix)` gives the
 * locate function of the object at `prefix` (`[]`, or `['items', i]`).
 */
export function addDocument(
  sink: DocumentSink,
  docIndex: number,
  data: Record<string, unknown>,
  locateIn: (prefix: readonly PathSegment[]) => (path: readonly PathSegment[], at?: 'key' | 'value') => Position,
): void {
  const add = (object: Record<string, unknown>, prefix: readonly PathSegment[]) => {
    const locate = locateIn(prefix);
    const here = locate([]);
    const apiVersion = object.apiVersion;
    const kind = object.kind;
    if (typeof apiVersion !== 'string' || apiVersion === '' || typeof kind !== 'string' || kind === '') {
      const missing = [typeof apiVersion !== 'string' || !apiVersion ? 'apiVersion' : '', typeof kind !== 'string' || !kind ? 'kind' : '']
        .filter(Boolean)
        .join(' and ');
      sink.problems.push({ file: sink.name, line: here.line, col: here.col, kind: 'structure', message: `resource is missing ${missing}` });
      return;
    }
    const meta = (object.metadata ?? {}) as Record<string, unknown>;
    if (sink.requireName && (typeof meta.name !== 'string' || meta.name === '') && (typeof meta.generateName !== 'string' || meta.generateName === '')) {
      // Without a name the object has no key: analyze would merge every such object under `default/`.
      const at = object.metadata === undefined ? here : locate(['metadata'], 'key');
      sink.problems.push({ file: sink.name, line: at.line, col: at.col, kind: 'structure', message: `${kind} is missing metadata.name` });
      return;
    }
    sink.resources.push({
      apiVersion,
      kind,
      name: typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : '',
      namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
      object,
      origin: { file: sink.name, docIndex, line: here.line, col: here.col },
      locate,
    });
  };
  if (data.kind === 'List' || (typeof data.kind === 'string' && data.kind.endsWith('List') && Array.isArray(data.items))) {
    const items = Array.isArray(data.items) ? (data.items as unknown[]) : [];
    items.forEach((item, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        const at = locateIn(['items', i])([]);
        sink.problems.push({ file: sink.name, line: at.line, col: at.col, kind: 'structure', message: `items[${i}] is not a mapping` });
      } else add(item as Record<string, unknown>, ['items', i]);
    });
    return;
  }
  add(data, []);
}

export interface ParseOptions {
  /** A document without metadata.name (or generateName) is a located problem, not a resource (validate, analyze). */
  requireName?: boolean;
}

export const notMapping = (docIndex: number, data: unknown) => `document ${docIndex + 1} is not a mapping (found ${Array.isArray(data) ? 'a list' : typeof data})`;
export const aliasBomb = `too many YAML alias expansions (more than ${MAX_ALIAS_COUNT}); refusing a possible alias bomb`;

/**
 * The reference reader: the whole text through the `yaml` package, every position from its nodes. The fast
 * reader (parse.ts) gives the same result and falls back to this one for any text it does not take.
 */
export function parseResourcesWithYaml(source: SourceText, options: ParseOptions = {}): LoadResult {
  const sink: DocumentSink = { name: source.name, resources: [], problems: [], ...(options.requireName ? { requireName: true } : {}) };
  const lc = new LineCounter();
  const problem = (offset: number | undefined, kind: LoadProblem['kind'], message: string) =>
    sink.problems.push({ file: source.name, ...positionOf(lc, offset), kind, message });

  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(source.text, { ...YAML_OPTIONS, lineCounter: lc }) as Document.Parsed[];
  } catch (err) {
    problem(0, 'syntax', `cannot parse YAML: ${(err as Error).message}`);
    return { resources: sink.resources, problems: sink.problems };
  }
  if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  const gluedColons = GLUED_COLON.test(source.text);

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
      problem(start, 'limit', /alias/i.test(msg) ? aliasBomb : msg);
      return;
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      problem(doc.contents?.range?.[0] ?? start, 'structure', notMapping(docIndex, data));
      return;
    }
    addDocument(sink, docIndex, data as Record<string, unknown>, (prefix) => (path, at = 'value') =>
      positionOf(lc, nodeAt(doc, [...prefix, ...path], at)?.range?.[0] ?? start),
    );
  });
  return { resources: sink.resources, problems: sink.problems };
}
