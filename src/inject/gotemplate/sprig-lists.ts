/**
 * sprig's list, dict and flow-control functions. Dicts are map[string]interface{}: `set`/`unset`/`merge`
 * change the map they are given and return it, as sprig does. `keys` and `values`, random in Go, come out
 * in key order here.
 */
import { arity, type TemplateFunc } from './arity.js';
import { bool, deepEqual, dict, empty, str, strval } from './coerce.js';
import { goType, isMap, mapGet, mapSet, sortedKeys, type GoMap } from './values.js';

function list(v: unknown, op: string): unknown[] {
  if (Array.isArray(v)) return v;
  throw new Error(`Cannot ${op} on type ${goType(v)}`);
}

/** sprig's strslice: the strings of a list (nil elements dropped), or the one value as a string. */
export function strslice(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((e) => e !== null && e !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

export function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (isMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) mapSet(out, k, deepCopy(v[k]));
    return out;
  }
  return v;
}

/** mergo.Merge / mergo.Merge(WithOverride) over map[string]interface{}, as sprig's merge and mergeOverwrite. */
function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const k of Object.keys(src)) {
    const sv = src[k];
    const present = Object.hasOwn(dst, k);
    const dv = present ? dst[k] : undefined;
    if (sv === null || sv === undefined) {
      if (overwrite) mapSet(dst, k, null);
      continue;
    }
    if (isMap(sv) && isMap(dv)) mergeInto(dv, sv, overwrite);
    if (Array.isArray(sv) && sv.length > 0 && (overwrite || empty(dv))) {
      mapSet(dst, k, sv);
      continue;
    }
    if (present && !empty(dv) && (isMap(sv) || Array.isArray(sv))) continue;
    if (overwrite || !present || empty(dv)) mapSet(dst, k, sv);
  }
}

function merge(overwrite: boolean) {
  return (dst: unknown, ...srcs: unknown[]): unknown => {
    const target = dict(dst) ?? {};
    for (const src of srcs) {
      const m = dict(src);
      if (m) mergeInto(target, m, overwrite);
    }
    return target;
  };
}

function dictOf(...pairs: unknown[]): GoMap {
  const out: GoMap = {};
  for (let i = 0; i < pairs.length; i += 2) mapSet(out, strval(pairs[i]), i + 1 < pairs.length ? pairs[i + 1] : '');
  return out;
}

function dig(...args: unknown[]): unknown {
  const m = dict(args[args.length - 1]);
  const fallback = args[args.length - 2];
  const keys = args.slice(0, -2).map(str);
  let cur: unknown = m;
  for (const k of keys) {
    if (!isMap(cur)) return fallback;
    const next = mapGet(cur, k);
    if (next === undefined) return fallback;
    cur = next;
  }
  return cur;
}

export const listFuncs: Record<string, TemplateFunc> = {
  // flow control
  default: arity(1, (d, ...given) => (given.length === 0 || empty(given[0]) ? d : given[0]), true),
  empty: arity(1, (v) => empty(v)),
  coalesce: arity(0, (...args) => args.find((a) => !empty(a)) ?? null, true),
  all: arity(0, (...args) => args.every((a) => !empty(a)), true),
  any: arity(0, (...args) => args.some((a) => !empty(a)), true),
  ternary: arity(3, (t, f, cond) => (bool(cond) ? t : f)),
  required: arity(2, (warn, v) => {
    if (v === null || v === undefined || v === '') throw new Error(str(warn));
    return v;
  }),
  fail: arity(1, (msg) => {
    throw new Error(str(msg));
  }),
  deepCopy: arity(1, (v) => deepCopy(v)),
  deepEqual: arity(2, (a, b) => deepEqual(a, b)),
  // lists
  list: arity(0, (...items) => items, true),
  tuple: arity(0, (...items) => items, true),
  append: arity(2, (l, v) => [...list(l, 'push'), v]),
  push: arity(2, (l, v) => [...list(l, 'push'), v]),
  prepend: arity(2, (l, v) => [v, ...list(l, 'prepend')]),
  concat: arity(0, (...lists) => lists.flatMap((l) => list(l, 'concat')), true),
  first: arity(1, (l) => list(l, 'find first')[0] ?? null),
  last: arity(1, (l) => list(l, 'find last').at(-1) ?? null),
  rest: arity(1, (l) => (list(l, 'find rest').length === 0 ? null : (l as unknown[]).slice(1))),
  initial: arity(1, (l) => (list(l, 'find initial').length === 0 ? null : (l as unknown[]).slice(0, -1))),
  reverse: arity(1, (l) => [...list(l, 'find reverse')].reverse()),
  uniq: arity(1, (l) => list(l, 'find uniq').filter((v, i, all) => all.findIndex((w) => deepEqual(v, w)) === i)),
  without: arity(1, (l, ...omit) => list(l, 'find without').filter((v) => !omit.some((o) => deepEqual(v, o))), true),
  has: arity(2, (needle, haystack) => (haystack === null || haystack === undefined ? false : list(haystack, 'find has').some((v) => deepEqual(v, needle)))),
  compact: arity(1, (l) => list(l, 'compact').filter((v) => !empty(v))),
  sortAlpha: arity(1, (l) => strslice(l).sort()),
  join: arity(2, (sep, l) => strslice(l).join(str(sep))),
  // dicts
  dict: arity(0, dictOf, true),
  hasKey: arity(2, (m, k) => {
    const d = dict(m);
    return d !== null && mapGet(d, str(k)) !== undefined;
  }),
  get: arity(2, (m, k) => {
    const d = dict(m);
    const v = d === null ? undefined : mapGet(d, str(k));
    return v === undefined ? '' : v;
  }),
  set: arity(3, (m, k, v) => {
    const d = dict(m);
    if (d === null) throw new Error('assignment to entry in nil map');
    mapSet(d, str(k), v);
    return d;
  }),
  unset: arity(2, (m, k) => {
    const d = dict(m);
    if (d !== null) delete d[str(k)];
    return d;
  }),
  keys: arity(0, (...ms) => ms.flatMap((m) => Object.keys(dict(m) ?? {})).sort(), true),
  values: arity(1, (m) => {
    const d = dict(m) ?? {};
    return sortedKeys(d).map((k) => d[k]);
  }),
  pick: arity(1, (m, ...ks) => {
    const d = dict(m) ?? {};
    const out: GoMap = {};
    for (const k of ks.map(str)) if (mapGet(d, k) !== undefined) mapSet(out, k, d[k]);
    return out;
  }, true),
  omit: arity(1, (m, ...ks) => {
    const d = dict(m) ?? {};
    const drop = new Set(ks.map(str));
    const out: GoMap = {};
    for (const k of Object.keys(d)) if (!drop.has(k)) mapSet(out, k, d[k]);
    return out;
  }, true),
  pluck: arity(1, (k, ...ms) => ms.map((m) => mapGet(dict(m) ?? {}, str(k))).filter((v) => v !== undefined), true),
  merge: arity(1, merge(false), true),
  mergeOverwrite: arity(1, merge(true), true),
  dig: arity(3, dig, true),
};
