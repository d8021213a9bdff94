/**
 * sprig's conversion, math, encoding, regular-expression and type functions, and Helm's toYaml/fromYaml/
 * toJson/fromJson (istiod and Helm templates use them next to sprig). Integer math is int64 through
 * spf13/cast, as sprig does; division by zero fails like Go's runtime.
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { arity, type TemplateFunc } from './arity.js';
import { int, str, strval, toFloat64, toInt64 } from './coerce.js';
import { formatValue } from './format.js';
import { JsonError, marshalJson } from './gojson.js';
import { marshalYaml } from './goyaml.js';
import { strslice } from './sprig-lists.js';
import { goKind, goType } from './values.js';

/** Go RE2 syntax to a JavaScript RegExp (named groups, leading flag groups, \A and \z). */
export function goRegExp(pattern: string, global = false): RegExp {
  let src = pattern;
  let flags = global ? 'g' : '';
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    src = src.slice(lead[0].length);
    for (const f of lead[1]!) if (f !== 'U' && !flags.includes(f)) flags += f;
  }
  src = src.replace(/\(\?P</g, '(?<').replace(/\\A/g, '^').replace(/\\z/g, '$(?![\\s\\S])');
  return new RegExp(src, flags);
}

/** regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`; a name is the longest run of word characters. */
function expand(template: string, match: RegExpExecArray): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (_all, dollar: string, braced?: string, bare?: string) => {
    if (dollar === '$') return '$';
    const name = braced ?? bare!;
    const v = /^\d+$/.test(name) ? match[Number(name)] : match.groups?.[name];
    return v ?? '';
  });
}

function regexReplace(pattern: string, s: string, repl: string, literal: boolean): string {
  const re = goRegExp(pattern, true);
  return s.replace(re, (...args: unknown[]) => {
    if (literal) return repl;
    const groups = typeof args[args.length - 1] === 'object' ? (args[args.length - 1] as Record<string, string>) : undefined;
    const m = args.slice(0, groups ? -3 : -2) as string[];
    const match = Object.assign(m, { groups, index: 0, input: s }) as unknown as RegExpExecArray;
    return expand(repl, match);
  });
}

function b64dec(s: string): string {
  const bad = /[^A-Za-z0-9+/=]/.exec(s);
  if (bad) return `illegal base64 data at input byte ${bad.index}`;
  if (s.length % 4 !== 0 || /=[^=]/.test(s)) return `illegal base64 data at input byte ${Math.max(s.indexOf('='), 0) || s.length - (s.length % 4)}`;
  return Buffer.from(s, 'base64').toString('utf8');
}

function divide(a: unknown, b: unknown, op: 'div' | 'mod'): number {
  const x = toInt64(a);
  const y = toInt64(b);
  if (y === 0) throw new Error('runtime error: integer divide by zero');
  return op === 'div' ? Math.trunc(x / y) : x % y;
}

function until(start: number, stop: number, step: number): number[] {
  const out: number[] = [];
  if (step === 0) return out;
  if (start < stop) {
    if (step < 0) return out;
    for (let i = start; i < stop; i += step) out.push(i);
  } else {
    if (step > 0) return out;
    for (let i = start; i > stop; i += step) out.push(i);
  }
  return out;
}

/** sprig's seq, which behaves like the `seq` command: `seq 5`, `seq 2 5`, `seq 0 2 10`. */
function seq(...params: unknown[]): string {
  const p = params.map(int);
  const [a, b, c] = p;
  if (p.length === 0) return '';
  if (p.length === 1) return until(1, a! + (a! > 0 ? 1 : -1), a! >= 1 ? 1 : -1).join(' ');
  const start = a!;
  const end = p.length === 2 ? b! : c!;
  const step = p.length === 2 ? (end >= start ? 1 : -1) : b!;
  if (p.length > 3) return '';
  return until(start, end + (step > 0 ? 1 : -1), step).join(' ');
}

function fromYaml(text: string): unknown {
  try {
    const v = parseYaml(text, { version: '1.1' }) as unknown;
    return v === null || v === undefined ? {} : v;
  } catch (e) {
    return { Error: e instanceof Error ? e.message : String(e) };
  }
}

function swallow(fn: () => string): string {
  try {
    return fn();
  } catch (e) {
    if (e instanceof JsonError) return '';
    throw e;
  }
}

export const convertFuncs: Record<string, TemplateFunc> = {
  // conversions
  toString: arity(1, (v: unknown) => strval(v)),
  toStrings: arity(1, (v) => (Array.isArray(v) ? v.map(strval) : strslice(v))),
  int: arity(1, (v) => toInt64(v)),
  int64: arity(1, (v) => toInt64(v)),
  float64: arity(1, (v) => toFloat64(v)),
  atoi: arity(1, (s) => (/^[+-]?\d+$/.test(str(s)) ? Number(str(s)) : 0)),
  toDecimal: arity(1, (v) => (/^[+-]?[0-7]+$/.test(strval(v)) ? parseInt(strval(v), 8) : 0)),
  // math (int64)
  add: arity(0, (...xs) => xs.reduce<number>((s, x) => s + toInt64(x), 0), true),
  add1: arity(1, (x) => toInt64(x) + 1),
  sub: arity(2, (a, b) => toInt64(a) - toInt64(b)),
  mul: arity(1, (a, ...xs) => xs.reduce<number>((p, x) => p * toInt64(x), toInt64(a)), true),
  div: arity(2, (a, b) => divide(a, b, 'div')),
  mod: arity(2, (a, b) => divide(a, b, 'mod')),
  max: arity(1, (a, ...xs) => Math.max(toInt64(a), ...xs.map(toInt64)), true),
  min: arity(1, (a, ...xs) => Math.min(toInt64(a), ...xs.map(toInt64)), true),
  floor: arity(1, (v) => Math.floor(toFloat64(v))),
  ceil: arity(1, (v) => Math.ceil(toFloat64(v))),
  until: arity(1, (n) => until(0, int(n), int(n) >= 0 ? 1 : -1)),
  untilStep: arity(3, (a, b, c) => until(int(a), int(b), int(c))),
  seq: arity(0, seq, true),
  // encodings
  b64enc: arity(1, (s) => Buffer.from(str(s), 'utf8').toString('base64')),
  b64dec: arity(1, (s) => b64dec(str(s))),
  sha256sum: arity(1, (s) => createHash('sha256').update(str(s)).digest('hex')),
  sha1sum: arity(1, (s) => createHash('sha1').update(str(s)).digest('hex')),
  toJson: arity(1, (v) => swallow(() => marshalJson(v))),
  toRawJson: arity(1, (v) => swallow(() => marshalJson(v, { escapeHTML: false }))),
  toPrettyJson: arity(1, (v) => swallow(() => marshalJson(v, { indent: '  ' }))),
  fromJson: arity(1, (s) => {
    try {
      return JSON.parse(str(s)) as unknown;
    } catch (e) {
      return { Error: e instanceof Error ? e.message : String(e) };
    }
  }),
  toYaml: arity(1, (v) => marshalYaml(v).replace(/\n$/, '')),
  fromYaml: arity(1, (s) => fromYaml(str(s))),
  // regular expressions
  regexMatch: arity(2, (re, s) => {
    try {
      return goRegExp(str(re)).test(str(s));
    } catch {
      return false;
    }
  }),
  regexFind: arity(2, (re, s) => goRegExp(str(re)).exec(str(s))?.[0] ?? ''),
  regexFindAll: arity(3, (re, s, n) => {
    const all = [...str(s).matchAll(goRegExp(str(re), true))].map((m) => m[0]);
    return int(n) < 0 ? all : all.slice(0, int(n));
  }),
  regexReplaceAll: arity(3, (re, s, repl) => regexReplace(str(re), str(s), str(repl), false)),
  regexReplaceAllLiteral: arity(3, (re, s, repl) => regexReplace(str(re), str(s), str(repl), true)),
  regexSplit: arity(3, (re, s, n) => {
    const parts = str(s).split(goRegExp(str(re), true));
    return int(n) < 0 ? parts : parts.slice(0, int(n));
  }),
  // types
  typeOf: arity(1, (v) => goType(v)),
  typeIs: arity(2, (t, v) => str(t) === goType(v)),
  kindOf: arity(1, (v) => goKind(v)),
  kindIs: arity(2, (k, v) => str(k) === goKind(v)),
  toStringDebug: arity(1, (v: unknown) => formatValue(v)),
};
