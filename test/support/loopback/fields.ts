/**
 * Field sets as server-side apply tracks them: leaf paths of an object, with `f:<field>` for map keys and
 * `k:{"name":"x"}` for items of associative lists (merge-keyed lists of objects; an item itself is marked by a
 * trailing `.`). Converts to and from the `fieldsV1` tree stored in managedFields.
 */
import { mergeKeyFor } from './patch.js';

type Json = unknown;
type Obj = Record<string, Json>;
const isObj = (v: Json): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A path is its segments joined by '\n' (segments never contain a newline). */
export type FieldPath = string;
export const SEP = '\n';

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

function keyOf(item: Obj, key: string): string {
  return `k:${JSON.stringify({ [key]: item[key] })}`;
}

function associativeKey(field: string, list: Json[]): string | undefined {
  const key = mergeKeyFor(field, list);
  return key && list.length > 0 && list.every((i) => isObj(i) && i[key] !== undefined) ? key : undefined;
}

function walk(value: Json, prefix: string[], out: Set<FieldPath>): void {
  if (!isObj(value)) return;
  const entries = Object.entries(value);
  for (const [k, v] of entries) {
    const here = [...prefix, `f:${k}`];
    if (isObj(v) && Object.keys(v).length > 0) walk(v, here, out);
    else if (Array.isArray(v) && associativeKey(k, v)) {
      const key = associativeKey(k, v) as string;
      for (const item of v as Obj[]) {
        const itemPath = [...here, keyOf(item, key)];
        out.add([...itemPath, '.'].join(SEP));
        walk(item, itemPath, out);
      }
    } else out.add(here.join(SEP));
  }
}

/** The leaf fields an object sets, ignoring identity (apiVersion, kind, name, namespace, ...) and, unless asked, status. */
export function fieldsOf(object: Obj, opts: { status?: boolean } = {}): Set<FieldPath> {
  const out = new Set<FieldPath>();
  for (const [k, v] of Object.entries(object)) {
    if (k === 'apiVersion' || k === 'kind') continue;
    if (k === 'status' && !opts.status) continue;
    if (k === 'metadata') {
      if (!isObj(v)) continue;
      for (const mk of ['labels', 'annotations', 'finalizers', 'ownerReferences'] as const) {
        if (v[mk] === undefined) continue;
        walk({ [mk]: v[mk] }, ['f:metadata'], out);
      }
      continue;
    }
    walk({ [k]: v }, [], out);
  }
  return out;
}

/** Status fields only (for /status writes). */
export function statusFieldsOf(object: Obj): Set<FieldPath> {
  const out = new Set<FieldPath>();
  if (object.status !== undefined) walk({ status: object.status }, [], out);
  return out;
}

const MISSING = Symbol('missing');

/** The value at a path, or MISSING. For a `.` marker, the list item. */
export function valueAt(object: Json, path: FieldPath): Json | typeof MISSING {
  let cur: Json = object;
  for (const seg of path.split(SEP)) {
    if (seg === '.') return cur;
    if (seg.startsWith('f:')) {
      if (!isObj(cur) || !(seg.slice(2) in cur)) return MISSING;
      cur = cur[seg.slice(2)];
    } else if (seg.startsWith('k:')) {
      const want = JSON.parse(seg.slice(2)) as Obj;
      if (!Array.isArray(cur)) return MISSING;
      const found = cur.find((i) => isObj(i) && Object.entries(want).every(([k, v]) => deepEqual(i[k], v)));
      if (found === undefined) return MISSING;
      cur = found;
    } else return MISSING;
  }
  return cur;
}

export function exists(object: Json, path: FieldPath): boolean {
  return valueAt(object, path) !== MISSING;
}

export function sameValue(a: Json, b: Json, path: FieldPath): boolean {
  const va = valueAt(a, path);
  const vb = valueAt(b, path);
  if (va === MISSING || vb === MISSING) return va === vb;
  if (path.endsWith(`${SEP}.`)) return true;
  return deepEqual(va, vb);
}

/** Removes the field (or list item, for a `.` marker) at `path` from `object` in place. */
export function removeAt(object: Json, path: FieldPath): void {
  const segs = path.split(SEP);
  const isItem = segs[segs.length - 1] === '.';
  const target = isItem ? segs.slice(0, -1) : segs;
  const last = target[target.length - 1] as string;
  const parentPath = target.slice(0, -1).join(SEP);
  const parent = parentPath === '' ? object : valueAt(object, parentPath);
  if (last.startsWith('f:') && isObj(parent)) delete parent[last.slice(2)];
  else if (last.startsWith('k:') && Array.isArray(parent)) {
    const want = JSON.parse(last.slice(2)) as Obj;
    const i = parent.findIndex((it) => isObj(it) && Object.entries(want).every(([k, v]) => deepEqual(it[k], v)));
    if (i >= 0) parent.splice(i, 1);
  }
}

export function toFieldsV1(paths: Iterable<FieldPath>): Obj {
  const root: Obj = {};
  for (const p of [...paths].sort()) {
    let cur = root;
    for (const seg of p.split(SEP)) {
      if (!isObj(cur[seg])) cur[seg] = {};
      cur = cur[seg] as Obj;
    }
  }
  return root;
}

export function fromFieldsV1(tree: Json): Set<FieldPath> {
  const out = new Set<FieldPath>();
  const visit = (node: Json, prefix: string[]): void => {
    if (!isObj(node)) return;
    const keys = Object.keys(node);
    if (keys.length === 0 && prefix.length > 0) out.add(prefix.join(SEP));
    for (const k of keys) visit(node[k], [...prefix, k]);
  };
  visit(tree, []);
  return out;
}

/** `.spec.template.spec.containers[name="app"].image` — how conflicts name a field. */
export function describePath(path: FieldPath): string {
  let out = '';
  for (const seg of path.split(SEP)) {
    if (seg === '.') continue;
    if (seg.startsWith('f:')) out += `.${seg.slice(2)}`;
    else if (seg.startsWith('k:')) {
      const want = JSON.parse(seg.slice(2)) as Obj;
      out += `[${Object.entries(want).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
    }
  }
  return out;
}
