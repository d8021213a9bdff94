/**
 * `--set path=value` as istioctl reads it: a dotted path under the IstioOperator `spec` (`spec.` optional),
 * `\.` for a dot inside a key, `[N]` for a list index and `[key:value]` for the list item whose `key` is `value`.
 * Values are typed by the schema where it knows the field, otherwise inferred (true/false, numbers, flow YAML).
 */
import { parse } from 'yaml';
import { InputError } from '../errors.js';
import { isTree, type Tree } from './merge.js';
import type { Schema } from './schema.js';
import { formatPath, knownFields, schemaAt, type PathSegment } from './validate.js';

/** A list item chosen by a field value, e.g. `[name:istio-ingressgateway]`. */
export interface Selector {
  key: string;
  value: string;
}
export type SetSegment = string | number | Selector;

export interface SetAssignment {
  /** The flag as written, for messages. */
  flag: string;
  path: SetSegment[];
  value: unknown;
}

/** Splits a path at dots outside brackets; `\x` is a literal x (so `\.` is a dot inside a key or value). */
export function splitKeys(path: string): string[] {
  const keys: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path[i] as string;
    if (c === '\\' && i + 1 < path.length) {
      current += path[++i];
      continue;
    }
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (c === '.' && depth === 0) {
      keys.push(current);
      current = '';
    } else current += c;
  }
  keys.push(current);
  return keys;
}

/** `a.b[0].c[name:x]` -> ['a', 'b', 0, 'c', {key: 'name', value: 'x'}]. */
export function parseSetPath(path: string, flag = path): SetSegment[] {
  const out: SetSegment[] = [];
  for (const part of splitKeys(path)) {
    const m = /^([^[\]]*)((?:\[[^\]]*\])*)$/.exec(part);
    if (!m || (m[1] === '' && m[2] === '')) throw new InputError(`--set ${flag}: invalid path "${path}"`);
    if (m[1]) out.push(m[1]);
    for (const [, inner] of (m[2] ?? '').matchAll(/\[([^\]]*)\]/g)) {
      const text = inner ?? '';
      if (/^\d+$/.test(text)) out.push(Number(text));
      else if (/^[^:]+:.*$/.test(text)) {
        const at = text.indexOf(':');
        out.push({ key: text.slice(0, at), value: text.slice(at + 1) });
      } else throw new InputError(`--set ${flag}: invalid list index "[${text}]" (use [N] or [key:value])`);
    }
  }
  if (out[0] === 'spec') out.shift();
  if (out.length === 0) throw new InputError(`--set ${flag}: empty path`);
  return out;
}

function infer(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(text) && !/^-?0\d/.test(text)) return Number(text);
  if ((text.startsWith('[') && text.endsWith(']')) || (text.startsWith('{') && text.endsWith('}'))) {
    try {
      return parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function typed(text: string, schema: Schema | undefined, flag: string): unknown {
  if (!schema) return infer(text);
  switch (schema.t) {
    case 'str':
      return text;
    case 'scalar':
      return text;
    case 'intstr':
      return /^-?\d+$/.test(text) ? Number(text) : text;
    case 'bool':
      if (text === 'true' || text === 'false') return text === 'true';
      throw new InputError(`--set ${flag}: expected true or false, got "${text}"`);
    case 'int':
    case 'num': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n) || (schema.t === 'int' && !Number.isInteger(n))) {
        throw new InputError(`--set ${flag}: expected ${schema.t === 'int' ? 'an integer' : 'a number'}, got "${text}"`);
      }
      return n;
    }
    default:
      return infer(text);
  }
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j] as number;
      row[j] = next;
    }
  }
  return row[b.length] as number;
}

/** The known field nearest to a misspelt one (at most two edits away), for "did you mean". */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = distance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

/** Path for the schema: selectors address a list item, like an index. */
function schemaPath(path: readonly SetSegment[]): PathSegment[] {
  return path.map((s) => (typeof s === 'object' ? 0 : s));
}

/**
 * Parses one `--set`. Unknown paths throw InputError naming the path, unless `force`, in which case the
 * message is returned in `warning` and the value is inferred.
 */
export function parseSet(flag: string, force = false): { assignment: SetAssignment; warning?: string } {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw new InputError(`--set ${flag}: expected path=value`);
  const path = parseSetPath(flag.slice(0, eq), flag);
  const text = flag.slice(eq + 1);
  const sp = schemaPath(path);
  const { schema, unknownAt } = schemaAt(sp);
  if (unknownAt !== undefined) {
    const known = knownFields(sp.slice(0, unknownAt));
    const message = `--set ${flag}: unknown field "${formatPath(sp.slice(0, unknownAt + 1))}"`;
    if (!force) {
      const near = closest(String(sp[unknownAt]), known);
      throw new InputError(message, {
        details: [...(near ? [`did you mean "${near}"?`] : known.length > 0 && known.length <= 20 ? [`known fields here: ${known.join(', ')}`] : []), 'use --force to set it anyway'],
      });
    }
    return { assignment: { flag, path, value: infer(text) }, warning: message };
  }
  return { assignment: { flag, path, value: typed(text, schema, flag) } };
}

/** Writes `value` at `path` into `tree` (mutates), creating maps and list items on the way. */
export function applySet(tree: Tree, assignment: SetAssignment): void {
  const { path, value, flag } = assignment;
  let node: unknown = tree;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as SetSegment;
    const last = i === path.length - 1;
    const next = path[i + 1];
    const fresh = (): unknown => (typeof next === 'number' || (typeof next === 'object' && next !== undefined) ? [] : {});
    if (typeof seg === 'string') {
      if (!isTree(node)) throw new InputError(`--set ${flag}: "${seg}" is inside a value that is not a mapping`);
      if (last) node[seg] = value;
      else {
        const child = node[seg];
        if (child === undefined || child === null) node[seg] = fresh();
        node = node[seg];
      }
      continue;
    }
    if (!Array.isArray(node)) throw new InputError(`--set ${flag}: a list index is used on a value that is not a list`);
    let index: number;
    if (typeof seg === 'number') {
      if (seg > node.length) throw new InputError(`--set ${flag}: index ${seg} is past the end of a list of ${node.length}`);
      index = seg;
    } else {
      index = node.findIndex((item) => isTree(item) && String(item[seg.key]) === seg.value);
      if (index < 0) {
        node.push({ [seg.key]: seg.value });
        index = node.length - 1;
      }
    }
    if (last) node[index] = value;
    else {
      if (node[index] === undefined || node[index] === null) node[index] = fresh();
      node = node[index];
    }
  }
}
