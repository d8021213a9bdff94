/**
 * text/template's predefined functions with Go's semantics and error texts: and/or (short-circuited by the
 * executor; these are their eager forms), not, len, index, slice, print/printf/println, the comparisons,
 * call, and the html/js/urlquery escapers.
 */
import { arity, type TemplateFunc } from './arity.js';
import { formatValue, sprint, sprintf, sprintln } from './format.js';
import { byteAt, byteLength, byteSlice, goType, isInt, isMap, isTrue, mapGet, STRING_MAP, utf8Bytes } from './values.js';

type Kind = 'bool' | 'number' | 'string' | 'nil' | 'other';

function basicKind(v: unknown): Kind {
  if (v === null || v === undefined) return 'nil';
  const t = typeof v;
  if (t === 'boolean') return 'bool';
  if (t === 'number' || t === 'bigint') return 'number';
  if (t === 'string') return 'string';
  return 'other';
}

function eq(arg1: unknown, ...rest: unknown[]): boolean {
  if (rest.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    if (k1 !== k2) {
      if (k1 !== 'nil' && k2 !== 'nil') throw new Error('incompatible types for comparison');
      continue;
    }
    if (k1 === 'other') {
      if (Array.isArray(arg1) || Array.isArray(arg) || isMap(arg1) || isMap(arg)) {
        throw new Error(`non-comparable type ${formatValue(arg)}: ${goType(arg)}`);
      }
    }
    if (k1 === 'nil' || arg1 === arg) return true;
  }
  return false;
}

function lessThan(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'bool' || k1 === 'nil' || k1 === 'other' || k2 === 'bool' || k2 === 'nil' || k2 === 'other') {
    throw new Error('invalid type for comparison');
  }
  if (k1 !== k2) throw new Error('incompatible types for comparison');
  return (a as number | string) < (b as number | string);
}

function indexArg(index: unknown, len: number, what: string): number {
  if (index === null || index === undefined) throw new Error(`cannot index ${what} with nil`);
  if (!isInt(index)) throw new Error(`cannot index ${what} with type ${goType(index)}`);
  if (index < 0 || index >= len) throw new Error(`index out of range: ${index}`);
  return index;
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new Error('index of untyped nil');
  let cur: unknown = item;
  for (const i of indexes) {
    if (cur === undefined || cur === null) throw new Error('index of nil pointer');
    if (typeof cur === 'string') cur = byteAt(cur, indexArg(i, byteLength(cur), 'slice/array'));
    else if (Array.isArray(cur)) cur = cur[indexArg(i, cur.length, 'slice/array')];
    else if (isMap(cur)) {
      if (typeof i !== 'string') {
        throw new Error(i === null || i === undefined ? 'value is nil; should be of type string' : `value has type ${goType(i)}; should be string`);
      }
      const v = mapGet(cur, i);
      cur = v !== undefined ? v : (cur as Record<symbol, unknown>)[STRING_MAP] ? '' : null;
    } else throw new Error(`can't index item of type ${goType(cur)}`);
  }
  return cur;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    len = byteLength(item);
  } else if (Array.isArray(item)) len = item.length;
  else throw new Error(`can't slice item of type ${goType(item)}`);
  const idx = [0, len];
  indexes.forEach((v, i) => {
    if (!isInt(v)) throw new Error(v === null || v === undefined ? 'cannot index slice/array with nil' : `cannot index slice/array with type ${goType(v)}`);
    if (v < 0 || v > len) throw new Error(`index out of range: ${v}`);
    idx[i] = v;
  });
  if (idx[0]! > idx[1]!) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  return typeof item === 'string' ? byteSlice(item, idx[0]!, idx[1]) : item.slice(idx[0], idx[1]);
}

function length(item: unknown): number {
  if (item === undefined || item === null) throw new Error('len of nil pointer');
  if (typeof item === 'string') return byteLength(item);
  if (Array.isArray(item)) return item.length;
  if (isMap(item)) return Object.keys(item).filter((k) => typeof item[k] !== 'function').length;
  throw new Error(`len of type ${goType(item)}`);
}

/** The text of the escapers' arguments: one string as is, anything else through fmt.Sprint. */
function evalArgs(args: readonly unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args);
}

export function htmlEscape(s: string): string {
  return s.replace(/[&'<>"\0]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' })[c]!);
}

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const named: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };
    if (named[ch] !== undefined) out += named[ch];
    else if (cp < 0x20) out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
    else if (cp < 0x80 || PRINTABLE.test(ch)) out += ch;
    else out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function callFn(fn: unknown, ...args: unknown[]): unknown {
  if (fn === null || fn === undefined) throw new Error('call of nil');
  if (typeof fn !== 'function') throw new Error(`non-function of type ${goType(fn)}`);
  return (fn as TemplateFunc)(...args);
}

/** `and` and `or` as values: the executor recognises them and evaluates their arguments lazily. */
export const builtinAnd = arity(1, (...args: unknown[]): unknown => args.find((a) => !isTrue(a)) ?? args[args.length - 1], true);
export const builtinOr = arity(1, (...args: unknown[]): unknown => args.find((a) => isTrue(a)) ?? args[args.length - 1], true);

export const builtinFuncs: Readonly<Record<string, TemplateFunc>> = {
  and: builtinAnd,
  or: builtinOr,
  not: arity(1, (a) => !isTrue(a)),
  len: arity(1, length),
  index: arity(1, index as TemplateFunc, true),
  slice: arity(1, slice as TemplateFunc, true),
  print: arity(0, (...args) => sprint(args), true),
  printf: arity(1, (format, ...args) => sprintf(String(format ?? ''), args), true),
  println: arity(0, (...args) => sprintln(args), true),
  eq: arity(1, eq as TemplateFunc, true),
  ne: arity(2, (a, b) => !eq(a, b)),
  lt: arity(2, (a, b) => lessThan(a, b)),
  le: arity(2, (a, b) => lessThan(a, b) || eq(a, b)),
  gt: arity(2, (a, b) => !lessThan(a, b) && !eq(a, b)),
  ge: arity(2, (a, b) => !lessThan(a, b)),
  call: arity(1, callFn as TemplateFunc, true),
  html: arity(0, (...args) => htmlEscape(evalArgs(args)), true),
  js: arity(0, (...args) => jsEscape(evalArgs(args)), true),
  urlquery: arity(0, (...args) => queryEscape(evalArgs(args)), true),
};
