/**
 * sprig's string functions (Masterminds/sprig v3), with Go's byte-based lengths and typed parameters.
 * Argument order is sprig's: the string being worked on comes last, so it can be piped in.
 */
import { arity, type TemplateFunc } from './arity.js';
import { int, str, strval } from './coerce.js';
import { quote } from './format.js';
import { byteLength, byteSlice, mapSet, type GoMap } from './values.js';

/** Go's strings.Trim(s, cutset). */
function trimCutset(s: string, cutset: string): string {
  const set = new Set(cutset);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (a < b && set.has(chars[a]!)) a++;
  while (b > a && set.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

/** Go's strings.Split: an empty separator splits into characters. */
export function goSplit(s: string, sep: string): string[] {
  return sep === '' ? [...s] : s.split(sep);
}

/** Go's strings.Title: upper-cases the first letter of each word (isSeparator as in package strings). */
function title(s: string): string {
  const isSeparator = (ch: string): boolean =>
    ch.charCodeAt(0) <= 0x7f ? !/[0-9A-Za-z_]/.test(ch) : !/[\p{L}\p{Nd}]/u.test(ch) && /\s/u.test(ch);
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isSeparator(prev) ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

function indent(spaces: number, s: string): string {
  const pad = ' '.repeat(Math.max(spaces, 0));
  return pad + s.replaceAll('\n', '\n' + pad);
}

function trunc(c: number, s: string): string {
  const len = byteLength(s);
  if (c < 0 && len + c > 0) return byteSlice(s, len + c);
  if (c >= 0 && len > c) return byteSlice(s, 0, c);
  return s;
}

function substr(start: number, end: number, s: string): string {
  if (start < 0) return byteSlice(s, 0, end);
  if (end < 0 || end > byteLength(s)) return byteSlice(s, start);
  return byteSlice(s, start, end);
}

const notNil = (v: unknown): boolean => v !== null && v !== undefined;

export const stringFuncs: Record<string, TemplateFunc> = {
  trim: arity(1, (s) => str(s).trim()),
  trimAll: arity(2, (cut, s) => trimCutset(str(s), str(cut))),
  trimPrefix: arity(2, (p, s) => (str(s).startsWith(str(p)) ? str(s).slice(str(p).length) : str(s))),
  trimSuffix: arity(2, (p, s) => (str(p) !== '' && str(s).endsWith(str(p)) ? str(s).slice(0, -str(p).length) : str(s))),
  lower: arity(1, (s) => str(s).toLowerCase()),
  upper: arity(1, (s) => str(s).toUpperCase()),
  title: arity(1, (s) => title(str(s))),
  untitle: arity(1, (s) => str(s).replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, p: string, c: string) => p + c.toLowerCase())),
  replace: arity(3, (o, n, s) => str(s).replaceAll(str(o), str(n))),
  repeat: arity(2, (n, s) => (int(n) < 0 ? '' : str(s).repeat(int(n)))),
  substr: arity(3, (a, b, s) => substr(int(a), int(b), str(s))),
  trunc: arity(2, (c, s) => trunc(int(c), str(s))),
  nospace: arity(1, (s) => str(s).replace(/\s+/gu, '')),
  contains: arity(2, (sub, s) => str(s).includes(str(sub))),
  hasPrefix: arity(2, (p, s) => str(s).startsWith(str(p))),
  hasSuffix: arity(2, (p, s) => str(s).endsWith(str(p))),
  quote: arity(0, (...args) => args.filter(notNil).map((a) => quote(strval(a))).join(' '), true),
  squote: arity(0, (...args) => args.filter(notNil).map((a) => `'${strval(a)}'`).join(' '), true),
  cat: arity(0, (...args) => args.filter(notNil).map(strval).join(' '), true),
  indent: arity(2, (n, s) => indent(int(n), str(s))),
  nindent: arity(2, (n, s) => '\n' + indent(int(n), str(s))),
  split: arity(2, (sep, s) => {
    const out: GoMap = {};
    goSplit(str(s), str(sep)).forEach((part, i) => mapSet(out, `_${i}`, part));
    return out;
  }),
  splitList: arity(2, (sep, s) => goSplit(str(s), str(sep))),
  splitn: arity(3, (sep, n, s) => {
    const parts = goSplit(str(s), str(sep));
    const k = int(n);
    const list = k > 0 && parts.length > k ? [...parts.slice(0, k - 1), parts.slice(k - 1).join(str(sep))] : parts;
    const out: GoMap = {};
    list.forEach((part, i) => mapSet(out, `_${i}`, part));
    return out;
  }),
  plural: arity(3, (one, many, n) => (int(n) === 1 ? str(one) : str(many))),
  snakecase: arity(1, (s) => str(s).replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[\s-]+/g, '_').toLowerCase()),
  kebabcase: arity(1, (s) => str(s).replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[\s_]+/g, '-').toLowerCase()),
};
