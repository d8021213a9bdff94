/**
 * The overlay rule of install profiles and IstioOperator files: maps merge key by key, lists and scalars
 * replace. Inputs are never modified; the result shares no mutable structure with them.
 */
export type Tree = Record<string, unknown>;

export function isTree(value: unknown): value is Tree {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A deep copy of plain JSON-like data. */
export function cloneData<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => cloneData(v)) as T;
  if (isTree(value)) {
    const out: Tree = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneData(v);
    return out as T;
  }
  return value;
}

/** `over` laid on `base`. A `null` in `over` keeps the key with value null (as Helm would drop it, callers decide). */
export function overlay(base: Tree, over: Tree): Tree {
  const out = cloneData(base);
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isTree(current) && isTree(value) ? overlay(current, value) : cloneData(value);
  }
  return out;
}

/** Overlays every tree in order, left to right. */
export function overlayAll(trees: readonly Tree[]): Tree {
  return trees.reduce<Tree>((acc, t) => overlay(acc, t), {});
}

/** The value at `path`, or undefined. */
export function getPath(tree: unknown, path: readonly (string | number)[]): unknown {
  let node: unknown = tree;
  for (const seg of path) {
    if (Array.isArray(node) && typeof seg === 'number') node = node[seg];
    else if (isTree(node)) node = node[String(seg)];
    else return undefined;
  }
  return node;
}

/** Object keys sorted at every level, so printed output does not depend on insertion order. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v)) as T;
  if (isTree(value)) {
    const out: Tree = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys(value[k]);
    return out as T;
  }
  return value;
}
