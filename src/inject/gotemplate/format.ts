/**
 * Go's fmt for template values: %v printing (maps sorted as `map[k:v]`, slices `[a b]`, nil `<nil>`, floats
 * in Go's shortest %g), Sprint/Sprintln spacing rules, Sprintf with flags, width, precision, argument
 * indexes and Go's `%!verb(type=value)` complaints, and strconv's Quote and float formatting.
 */
import { goType, isMap, mapGet, sortedKeys, utf8Bytes } from './values.js';

// ---------------------------------------------------------------- floats (strconv.FormatFloat)

interface Digits {
  digs: string;
  dp: number;
}

/** Decimal digits of |x| rounded to `sig` significant digits (-1: shortest round trip), trailing zeros trimmed. */
function decimalDigits(x: number, sig: number): Digits {
  if (x === 0) return { digs: '', dp: 0 };
  const e = Math.abs(x).toExponential(sig < 0 ? undefined : Math.max(sig - 1, 0));
  const [mant, exp] = e.split('e') as [string, string];
  const digs = mant.replace('.', '').replace(/0+$/, '');
  return { digs, dp: Number(exp) + 1 };
}

function fmtE(d: Digits, prec: number, e: string): string {
  let out = d.digs[0] ?? '0';
  if (prec > 0) out += '.' + d.digs.slice(1, 1 + prec).padEnd(prec, '0');
  const exp = d.digs === '' ? 0 : d.dp - 1;
  return `${out}${e}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function fmtF(d: Digits, prec: number): string {
  let out = d.dp > 0 ? d.digs.slice(0, d.dp).padEnd(d.dp, '0') : '0';
  if (prec > 0) {
    let frac = '';
    for (let i = 0; i < prec; i++) {
      const j = d.dp + i;
      frac += j >= 0 && j < d.digs.length ? d.digs[j] : '0';
    }
    out += '.' + frac;
  }
  return out;
}

/** strconv.FormatFloat(x, verb, prec, 64); prec -1 means the shortest representation. */
export function formatFloat(x: number, verb: string, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const lower = verb.toLowerCase();
  const e = verb === 'E' || verb === 'G' ? 'E' : 'e';
  if (lower === 'f') {
    if (prec < 0) {
      const d = decimalDigits(x, -1);
      return sign + fmtF(d, Math.max(d.digs.length - d.dp, 0));
    }
    const fixed = Math.abs(x) < 1e21 ? Math.abs(x).toFixed(prec) : BigInt(Math.abs(x)).toString() + (prec > 0 ? '.' + '0'.repeat(prec) : '');
    return sign + fixed;
  }
  if (lower === 'e') {
    const d = decimalDigits(x, prec < 0 ? -1 : prec + 1);
    return sign + fmtE(d, prec < 0 ? Math.max(d.digs.length - 1, 0) : prec, e);
  }
  // %g
  const shortest = prec < 0;
  let p = prec === 0 ? 1 : prec;
  const d = decimalDigits(x, shortest ? -1 : p);
  const nd = d.digs.length;
  if (shortest) p = nd;
  let eprec = p;
  if (eprec > nd && nd >= d.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = d.dp - 1;
  if (exp < -4 || exp >= eprec) return sign + fmtE(d, Math.min(p, nd) - 1, e);
  if (p > d.dp) p = nd;
  return sign + fmtF(d, Math.max(p - d.dp, 0));
}

// ---------------------------------------------------------------- quoting (strconv.Quote)

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

function escapeRune(cp: number, quoteChar: string, asciiOnly: boolean): string {
  const c = String.fromCodePoint(cp);
  if (c === quoteChar || c === '\\') return '\\' + c;
  if (cp < 0x80 ? cp >= 0x20 && cp < 0x7f : !asciiOnly && PRINTABLE.test(c)) return c;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };
  if (named[cp] !== undefined) return named[cp];
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

/** strconv.Quote (or QuoteToASCII). */
export function quote(s: string, asciiOnly = false): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(s)) return `"${s}"`;
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0)!, '"', asciiOnly);
  return out + '"';
}

export function quoteRune(cp: number): string {
  return `'${escapeRune(cp, "'", false)}'`;
}

// ---------------------------------------------------------------- %v

function stringer(v: object): string | undefined {
  const s = (v as { String?: unknown }).String;
  return typeof s === 'function' ? String(s.call(v)) : undefined;
}

/** fmt's %v of one value. */
export function formatValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : formatFloat(v, 'g', -1);
    case 'boolean':
    case 'bigint':
      return String(v);
    case 'undefined':
      return '<nil>';
    case 'function':
      return '0x0';
    case 'object': {
      if (v === null) return '<nil>';
      if (Array.isArray(v)) return '[' + v.map(formatValue).join(' ') + ']';
      const s = stringer(v);
      if (s !== undefined) return s;
      const m = v as Record<string, unknown>;
      return 'map[' + sortedKeys(m).map((k) => `${k}:${formatValue(mapGet(m, k))}`).join(' ') + ']';
    }
    default:
      return String(v);
  }
}

const isString = (v: unknown): boolean => typeof v === 'string';

/** fmt.Sprint: a space between operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0 && !isString(args[i]) && !isString(args[i - 1])) out += ' ';
    out += formatValue(args[i]);
  }
  return out;
}

/** fmt.Sprintln: spaces between all operands, newline at the end. */
export function sprintln(args: readonly unknown[]): string {
  return args.map(formatValue).join(' ') + '\n';
}

// ---------------------------------------------------------------- Sprintf

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  zero: boolean;
  space: boolean;
  width: number | undefined;
  prec: number | undefined;
}

function badVerb(verb: string, v: unknown): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goType(v)}=${formatValue(v)})`;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  const len = [...s].length;
  if (len >= width) return s;
  const fill = width - len;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero) {
    const signed = numeric && /^[+\- ]/.test(s);
    return signed ? s[0] + '0'.repeat(fill) + s.slice(1) : '0'.repeat(fill) + s;
  }
  return ' '.repeat(fill) + s;
}

function withSign(s: string, negative: boolean, spec: Spec): string {
  if (negative) return '-' + s;
  return (spec.plus ? '+' : spec.space ? ' ' : '') + s;
}

function formatInt(n: number, verb: string, spec: Spec): string {
  const abs = Math.abs(n);
  let digits: string;
  switch (verb) {
    case 'b':
      digits = abs.toString(2);
      break;
    case 'o':
    case 'O':
      digits = abs.toString(8);
      if (verb === 'O') digits = '0o' + digits;
      else if (spec.sharp) digits = '0' + digits;
      break;
    case 'x':
    case 'X':
      digits = abs.toString(16);
      if (verb === 'X') digits = digits.toUpperCase();
      break;
    default:
      digits = abs.toString(10);
  }
  if (spec.prec !== undefined) digits = spec.prec === 0 && n === 0 ? '' : digits.padStart(spec.prec, '0');
  if (spec.sharp && (verb === 'x' || verb === 'X')) digits = (verb === 'x' ? '0x' : '0X') + digits;
  return withSign(digits, n < 0, spec);
}

function formatString(s: string, verb: string, spec: Spec): string | undefined {
  const cut = spec.prec !== undefined ? [...s].slice(0, spec.prec).join('') : s;
  switch (verb) {
    case 'v':
    case 's':
      return cut;
    case 'q':
      return spec.sharp && !/[`\p{C}]/u.test(cut) ? '`' + cut + '`' : quote(cut, spec.plus);
    case 'x':
    case 'X': {
      let hex = Array.from(utf8Bytes(cut), (b) => b.toString(16).padStart(2, '0')).join(spec.space ? ' ' : '');
      if (verb === 'X') hex = hex.toUpperCase();
      return hex;
    }
    default:
      return undefined;
  }
}

/** One verb applied to one value, elementwise through slices and maps as fmt does. */
function formatArg(v: unknown, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(goType(v), spec, false);
  if (v === null || v === undefined) return verb === 'v' ? pad('<nil>', spec, false) : badVerb(verb, v);
  if (typeof v === 'object') {
    const s = stringer(v);
    if (s !== undefined && (verb === 'v' || verb === 's' || verb === 'q')) return pad(formatString(s, verb, spec)!, spec, false);
    if (Array.isArray(v)) return '[' + v.map((e) => formatArg(e, verb, spec)).join(' ') + ']';
    const m = v as Record<string, unknown>;
    return 'map[' + sortedKeys(m).map((k) => `${formatArg(k, verb, spec)}:${formatArg(mapGet(m, k), verb, spec)}`).join(' ') + ']';
  }
  if (typeof v === 'string') {
    const s = formatString(v, verb, spec);
    return s === undefined ? badVerb(verb, v) : pad(s, spec, false);
  }
  if (typeof v === 'boolean') return verb === 'v' || verb === 't' ? pad(String(v), spec, false) : badVerb(verb, v);
  if (typeof v === 'number') {
    const integral = Number.isInteger(v);
    if ('eEfFgG'.includes(verb)) {
      const s = formatFloat(Math.abs(v), verb === 'F' ? 'f' : verb, spec.prec ?? (verb.toLowerCase() === 'g' ? -1 : 6));
      return pad(withSign(s, v < 0 || Object.is(v, -0), spec), spec, true);
    }
    if (verb === 'v') return pad(integral ? withSign(String(Math.abs(v)), v < 0, spec) : withSign(formatFloat(Math.abs(v), 'g', spec.prec ?? -1), v < 0, spec), spec, true);
    if (!integral) return badVerb(verb, v);
    if ('bdoOxX'.includes(verb)) return pad(formatInt(v, verb, spec), spec, spec.prec === undefined);
    if (verb === 'c') return pad(String.fromCodePoint(v), spec, false);
    if (verb === 'q') return pad(quoteRune(v), spec, false);
    if (verb === 'U') return pad('U+' + v.toString(16).toUpperCase().padStart(4, '0'), spec, false);
    return badVerb(verb, v);
  }
  if (typeof v === 'function') return verb === 'v' || verb === 'p' ? '0x0' : badVerb(verb, v);
  return pad(String(v), spec, false);
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const n = format.length;
  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct === -1) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, sharp: false, zero: false, space: false, width: undefined, prec: undefined };
    for (; i < n; i++) {
      const c = format[i];
      if (c === '-') spec.minus = true;
      else if (c === '+') spec.plus = true;
      else if (c === '#') spec.sharp = true;
      else if (c === '0') spec.zero = !spec.minus;
      else if (c === ' ') spec.space = true;
      else break;
    }
    const argIndex = (): boolean => {
      const m = /^\[(\d+)\]/.exec(format.slice(i));
      if (!m) return true;
      i += m[0].length;
      reordered = true;
      const k = Number(m[1]) - 1;
      if (k < 0 || k > args.length) return false;
      argNum = k;
      return true;
    };
    const number = (): number | undefined => {
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      return Number(m[0]);
    };
    let ok = argIndex();
    if (format[i] === '*') {
      i++;
      const w = args[argNum++];
      if (typeof w === 'number' && Number.isInteger(w)) {
        spec.width = Math.abs(w);
        if (w < 0) spec.minus = true;
      } else out += '%!(BADWIDTH)';
    } else spec.width = number();
    if (format[i] === '.') {
      i++;
      ok = argIndex() && ok;
      if (format[i] === '*') {
        i++;
        const p = args[argNum++];
        if (typeof p === 'number' && Number.isInteger(p) && p >= 0) spec.prec = p;
        else out += '%!(BADPREC)';
      } else spec.prec = number() ?? 0;
    }
    ok = argIndex() && ok;
    if (i >= n) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (!ok) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArg(args[argNum++], verb, spec);
  }
  if (!reordered && argNum < args.length) {
    out += '%!(EXTRA ' + args.slice(argNum).map((a) => (a === null || a === undefined ? '<nil>' : `${goType(a)}=${formatValue(a)}`)).join(', ') + ')';
  }
  return out;
}
