/**
 * The fast resource reader: values from js-yaml (with the Kubernetes schema of k8s-schema.ts), positions
 * found lazily. The text is cut into documents at their `---` lines, each remembering its byte offset and
 * line; a resource's origin is the first content line of its document, found by a scan. Any other position
 * (a finding's path) is computed when asked for, by re-reading that one document with the `yaml` package,
 * so that it is exactly the position the reference reader (parseResourcesWithYaml) gives.
 *
 * Documents that js-yaml would read differently from go-yaml, or whose errors must be reported exactly as
 * the reference does, go through the `yaml` package: a document with tags, anchors, merge keys, complex keys,
 * content on its `---` line or a `:` glued before `,` `]` `}` is read with the `yaml` package alone; a text
 * with directives, `...` markers, a syntax error anywhere or a document over the size limit is read by the
 * reference reader as a whole.
 */
import jsYaml from 'js-yaml';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { K8S_SCHEMA } from './k8s-schema.js';
import { EMPTY, nodeTree, offsetAt } from './locate.js';
import {
  addDocument,
  GLUED_COLON,
  goYamlFlowScalars,
  MAX_ALIAS_COUNT,
  MAX_DOCUMENT_BYTES,
  nodeAt,
  notMapping,
  parseResourcesWithYaml,
  YAML_OPTIONS,
  type DocumentSink,
  type ParseOptions,
} from './reference.js';
import { excessiveNesting, MAX_NESTING_DEPTH } from './depth.js';

export type { ParseOptions };
import type { LoadResult, PathSegment, Position, SourceText } from './types.js';

/** A document of the text: from its `---` line (or the text's start) to the next one. */
interface Chunk {
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** Whether it starts with a `---` line (the part before the first one is a document only if it has content). */
  marked: boolean;
}

/** Lines that make the whole text go to the reference reader: directives and document end markers. */
const MARKERS = /^(?:---|\.\.\.|%)/gm;
const isBreak = (c: number | undefined) => c === undefined || Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13;

function lineCount(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The documents of `text`, or undefined when it holds directives or `...` markers. */
function chunksOf(text: string): Chunk[] | undefined {
  const chunks: Chunk[] = [];
  let start = 0;
  let line = 1;
  let marked = false;
  MARKERS.lastIndex = 0;
  for (let m = MARKERS.exec(text); m; m = MARKERS.exec(text)) {
    const at = m.index;
    if (m[0] === '%') return undefined;
    if (!isBreak(text.charCodeAt(at + 3))) continue; // `---x` is a plain scalar, not a marker
    if (m[0] === '...') return undefined;
    chunks.push({ start, end: at, line, marked });
    line += lineCount(text, start, at);
    start = at;
    marked = true;
  }
  chunks.push({ start, end: text.length, line, marked });
  return chunks;
}

interface Content {
  /** Offset and position of the document's first content character. */
  offset: number;
  line: number;
  col: number;
  /** The `---` line itself holds content (`--- |`, `--- {a: 1}`). */
  onMarker: boolean;
}

/** The first character of a chunk that is neither blank, nor a comment, nor the `---` marker. */
function contentOf(text: string, chunk: Chunk): Content | undefined {
  let offset = chunk.start;
  let line = chunk.line;
  // The `---` line's own content, past the marker, then the lines after it.
  let from = chunk.marked ? offset + 3 : offset;
  while (offset < chunk.end) {
    let i = from;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    const c = text.charCodeAt(i);
    if (i < chunk.end && c !== 10 && c !== 13 && c !== 35) return { offset: i, line, col: i - offset + 1, onMarker: chunk.marked && line === chunk.line };
    const nl = text.indexOf('\n', offset);
    if (nl === -1 || nl >= chunk.end) return undefined;
    offset = from = nl + 1;
    line++;
  }
  return undefined;
}

/**
 * What js-yaml does not read as go-yaml and the `yaml` package do: tags (`!`), anchors (`&`, with the alias
 * limit), merge keys (`<<`), complex keys (`?`), flow scalars with a glued `:`, a `#` right after a closing
 * quote (js-yaml takes it as a comment, `yaml` refuses it) and a lone `\r` (a line break to js-yaml, not to
 * `yaml`). A false alarm costs only speed.
 */
const NEEDS_YAML = /(?:^|[\s[{,])[!&]|<<|^[ \t-]*\?(?:[ \t]|$)|:[,\]}]|["']#|\r(?!\n)/m;

/**
 * A line over 1024 characters may hold an implicit key longer than YAML allows, which the `yaml` package and
 * go-yaml refuse and js-yaml takes.
 */
function hasLongLine(body: string): boolean {
  for (let from = 0; from < body.length; ) {
    const nl = body.indexOf('\n', from);
    const end = nl === -1 ? body.length : nl;
    if (end - from > 1024) return true;
    from = end + 1;
  }
  return false;
}

/** A document read with the `yaml` package, its offsets relative to the chunk. */
interface ChunkDocument {
  doc: Document.Parsed;
  lc: LineCounter;
}

/** Thrown inside the fast reader when the reference reader must read the whole text. */
class FallBack extends Error {}

/** Documents re-read for positions are kept a little (a `kind: List`'s items, findings of one resource). */
const KEPT_DOCUMENTS = 8;

/** Small caches of re-read documents, oldest out first. */
function kept<T>(make: (chunk: Chunk) => T): (chunk: Chunk) => T {
  const entries = new Map<Chunk, T>();
  return (chunk) => {
    if (entries.has(chunk)) return entries.get(chunk) as T;
    const made = make(chunk);
    if (entries.size >= KEPT_DOCUMENTS) entries.delete(entries.keys().next().value as Chunk);
    entries.set(chunk, made);
    return made;
  };
}

/** Re-reads chunks with the `yaml` package; undefined when it finds errors (which js-yaml did not). */
function rereader(text: string): (chunk: Chunk) => ChunkDocument | undefined {
  return kept((chunk) => {
    const body = text.slice(chunk.start, chunk.end);
    const lc = new LineCounter();
    const doc = parseDocument(body, { ...YAML_OPTIONS, lineCounter: lc });
    if (doc.errors.length > 0) return undefined;
    if (GLUED_COLON.test(body)) goYamlFlowScalars(doc, body);
    return { doc, lc };
  });
}

/** Position in `text` of an offset in a chunk. */
function positionIn(text: string, chunk: Chunk, offset: number): Position {
  const at = chunk.start + offset;
  return { line: chunk.line + lineCount(text, chunk.start, at), col: at - (text.lastIndexOf('\n', at - 1) + 1) + 1 };
}

/** Parses one file's text; the same result as parseResourcesWithYaml, most of it without the `yaml` package. */
export function parseResources(source: SourceText, options: ParseOptions = {}): LoadResult {
  // A linear pre-scan: nesting that user input could drive deep never reaches a recursive reader.
  const deep = excessiveNesting(source.text);
  if (deep) return { resources: [], problems: [{ file: source.name, ...deep, kind: 'limit', message: `nesting deeper than ${MAX_NESTING_DEPTH} levels` }] };
  try {
    return parseFast(source, options);
  } catch (err) {
    if (err instanceof FallBack) return parseResourcesWithYaml(source, options);
    throw err;
  }
}

function parseFast(source: SourceText, options: ParseOptions): LoadResult {
  const text = source.text;
  const chunks = chunksOf(text);
  if (!chunks) throw new FallBack();
  const sink: DocumentSink = { name: source.name, resources: [], problems: [], ...(options.requireName ? { requireName: true } : {}) };
  const rereadOrNot = rereader(text);
  const treeOf = kept((chunk) => nodeTree(text.slice(chunk.start, chunk.end)));
  const reread = (chunk: Chunk): ChunkDocument => {
    const read = rereadOrNot(chunk);
    if (!read) throw new FallBack();
    return read;
  };
  let docIndex = -1;
  for (const chunk of chunks) {
    const content = contentOf(text, chunk);
    if (chunk.marked || content) docIndex++;
    if (!content) continue;
    if (chunk.end - chunk.start > MAX_DOCUMENT_BYTES) throw new FallBack();
    const body = text.slice(chunk.start, chunk.end);
    let data: unknown;
    const viaYaml = content.onMarker || NEEDS_YAML.test(body) || hasLongLine(body);
    if (viaYaml) {
      const { doc } = reread(chunk);
      if (doc.contents === null) continue;
      try {
        data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch {
        throw new FallBack(); // the reference reports it (aliasBomb)
      }
    } else {
      try {
        data = jsYaml.load(body, { schema: K8S_SCHEMA });
      } catch {
        throw new FallBack();
      }
    }
    if (data === null || data === undefined) continue; // an empty document
    const here = content.onMarker ? undefined : { line: content.line, col: content.col };
    const position = (offset: number | undefined): Position => {
      const { lc } = reread(chunk);
      const p = lc.linePos(offset ?? content.offset - chunk.start);
      return { line: p.line + chunk.line - 1, col: p.col };
    };
    if (typeof data !== 'object' || Array.isArray(data)) {
      sink.problems.push({ file: source.name, ...(here ?? position(reread(chunk).doc.contents?.range?.[0])), kind: 'structure', message: notMapping(docIndex, data) });
      continue;
    }
    addDocument(sink, docIndex, data as Record<string, unknown>, (prefix) => (path: readonly PathSegment[], at: 'key' | 'value' = 'value') => {
      if (here && prefix.length === 0 && path.length === 0) return here;
      const full = [...prefix, ...path];
      if (!viaYaml) {
        const offset = offsetAt(body, treeOf(chunk), full, at);
        if (offset !== EMPTY) return positionIn(text, chunk, offset);
      }
      // Called later, by whoever reports a finding: a document the `yaml` package refuses (and js-yaml read)
      // has no node positions to give, only its start.
      const read = rereadOrNot(chunk);
      if (!read) return here ?? { line: content.line, col: content.col };
      const p = read.lc.linePos(nodeAt(read.doc, full, at)?.range?.[0] ?? content.offset - chunk.start);
      return { line: p.line + chunk.line - 1, col: p.col };
    });
  }
  return { resources: sink.resources, problems: sink.problems };
}
