/**
 * YAML as sigs.k8s.io/yaml.Marshal writes it (JSON first, then gopkg.in/yaml.v2's emitter): keys in
 * yaml.v2's order (numbers inside keys compared as numbers, non-letters before letters), 2-space indent,
 * sequences not indented under their key, strings quoted only when yaml.v2 would (`"true"`, `"123"`, `""`
 * double-quoted; `'a: b'` single-quoted), multi-line strings as literal blocks, long plain strings folded
 * past column 80. The result ends with a newline, as Marshal's does.
 */
import { formatFloat } from './format.js';
import { isMap, type GoMap } from './values.js';

const BEST_WIDTH = 80;

/** yaml.v2's keyList.Less for string keys. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  const letter = (c: string): boolean => /\p{L}/u.test(c);
  const digit = (c: string | undefined): boolean => c !== undefined && /\p{Nd}/u.test(c);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = letter(ar[i]!);
    const bl = letter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && digit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && digit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && digit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

const RESOLVES_NON_STRING = new Set([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'],
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'],
  ...['', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF'],
  ...['+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<'],
]);

/** Whether yaml.v2 would read the plain scalar `s` as something other than a string. */
function resolvesNonString(s: string): boolean {
  if (RESOLVES_NON_STRING.has(s)) return true;
  const c = s[0]!;
  if (c === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) || /^\.(inf|nan)$/i.test(s);
  if (!/[-+0-9]/.test(c)) return false;
  if (/^\d{4}-\d{1,2}-\d{1,2}([Tt ]|$)/.test(s)) return true; // timestamps
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  return /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s); // base 60
}

const isPrintable = (cp: number): boolean =>
  cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);

interface Analysis {
  plain: boolean;
  single: boolean;
  block: boolean;
}

/** yaml_emitter_analyze_scalar, block context. */
function analyze(s: string): Analysis {
  if (s === '') return { plain: false, single: true, block: false };
  let indicators = s.startsWith('---') || s.startsWith('...');
  let special = false;
  let lineBreaks = false;
  let spaceBreak = false;
  let breakSpace = false;
  const chars = [...s];
  chars.forEach((ch, i) => {
    const next = chars[i + 1];
    const followedByBlank = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) indicators = true;
      if ((ch === '?' || ch === ':' || ch === '-') && followedByBlank) indicators = true;
    } else if ((ch === ':' && followedByBlank) || (ch === '#' && (chars[i - 1] === ' ' || chars[i - 1] === '\t'))) {
      indicators = true;
    }
    const cp = ch.codePointAt(0)!;
    if (!isPrintable(cp)) special = true;
    if (ch === '\n') {
      lineBreaks = true;
      if (i > 0 && chars[i - 1] === ' ') spaceBreak = true;
      if (next === ' ') breakSpace = true;
    }
  });
  const first = chars[0];
  const last = chars[chars.length - 1];
  const edgeSpace = first === ' ' || last === ' ' || first === '\n' || last === '\n';
  const a: Analysis = { plain: true, single: true, block: true };
  if (edgeSpace || lineBreaks || indicators) a.plain = false;
  if (last === ' ') a.block = false;
  if (breakSpace) a.single = false;
  if (spaceBreak || special) {
    a.plain = false;
    a.single = false;
    a.block = false;
  }
  return a;
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const named: Record<number, string> = {
      0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 27: '\\e',
      0x22: '\\"', 0x5c: '\\\\', 0x85: '\\N', 0xa0: '\\_', 0x2028: '\\L', 0x2029: '\\P',
    };
    if (named[cp] !== undefined) out += named[cp];
    else if (isPrintable(cp) && cp !== 0xfeff) out += ch;
    else if (cp <= 0xff) out += '\\x' + cp.toString(16).toUpperCase().padStart(2, '0');
    else if (cp <= 0xffff) out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
    else out += '\\U' + cp.toString(16).toUpperCase().padStart(8, '0');
  }
  return out + '"';
}

/** Writes `text` starting at `column`, breaking at single spaces once past the best width (plain/single style). */
function folded(text: string, column: number, indent: number): string {
  let out = '';
  let col = column;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ' && text[i - 1] !== ' ' && col > BEST_WIDTH && text[i + 1] !== ' ' && i + 1 < text.length) {
      out += '\n' + ' '.repeat(indent);
      col = indent;
      continue;
    }
    out += ch;
    col++;
  }
  return out;
}

/** A string scalar written at `column`; continuation lines (folds, literal blocks) at `indent`. */
function stringScalar(s: string, column: number, indent: number, isKey: boolean): string {
  const a = analyze(s);
  if (s.includes('\n') && !isKey && a.block) {
    const indicator = s[0] === ' ' || s[0] === '\n' ? '2' : '';
    const chomp = !s.endsWith('\n') ? '-' : s.length === 1 || s[s.length - 2] === '\n' ? '+' : '';
    const body = s.endsWith('\n') ? s.slice(0, -1) : s;
    const lines = body.split('\n').map((l) => (l === '' ? '' : ' '.repeat(indent) + l));
    return `|${indicator}${chomp}\n${lines.join('\n')}`;
  }
  const plainOk = !s.includes('\n') && !resolvesNonString(s) && a.plain;
  if (plainOk) return isKey ? s : folded(s, column, indent);
  if (!s.includes('\n') && resolvesNonString(s) && s !== '') return doubleQuoted(s);
  if (a.single && s !== '' && !s.includes('\n')) return "'" + (isKey ? s : folded(s, column + 1, indent)).replaceAll("'", "''") + "'";
  if (s === '') return '""';
  return doubleQuoted(s);
}

function scalar(v: unknown, column: number, indent: number, isKey = false): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v);
    const s = formatFloat(v, 'g', -1);
    return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
  }
  return stringScalar(String(v), column, indent, isKey);
}

function normalize(v: unknown): unknown {
  if (v === undefined || typeof v === 'function') return null;
  if (Array.isArray(v)) return v.map(normalize);
  if (isMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) if (v[k] !== undefined && typeof v[k] !== 'function') out[k] = normalize(v[k]);
    return out;
  }
  return v;
}

const sortKeys = (m: GoMap): string[] => Object.keys(m).sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));

const nonEmptySeq = (v: unknown): v is unknown[] => Array.isArray(v) && v.length > 0;
const nonEmptyMap = (v: unknown): v is GoMap => isMap(v) && Object.keys(v).length > 0;

/** A scalar (or empty collection) written at `column`, its continuation lines at `indent`. */
function leaf(v: unknown, column: number, indent: number): string {
  return Array.isArray(v) ? '[]' : isMap(v) ? '{}' : scalar(v, column, indent);
}

/** Mapping entries at indentation `n`; a sequence value stays at its key's indentation, as yaml.v2 writes it. */
function mapLines(m: GoMap, n: number): string[] {
  const lines: string[] = [];
  for (const k of sortKeys(m)) {
    const key = ' '.repeat(n) + scalar(k, n, n + 2, true) + ':';
    const child = m[k];
    if (nonEmptySeq(child)) lines.push(key, ...seqLines(child, n));
    else if (nonEmptyMap(child)) lines.push(key, ...mapLines(child, n + 2));
    else lines.push(key + ' ' + leaf(child, key.length + 1, n + 2));
  }
  return lines;
}

/** Sequence items `- x` at indentation `n`; a collection item starts on the dash's line. */
function seqLines(items: readonly unknown[], n: number): string[] {
  const lines: string[] = [];
  const dash = ' '.repeat(n) + '- ';
  for (const item of items) {
    if (nonEmptyMap(item) || nonEmptySeq(item)) {
      const sub = nonEmptyMap(item) ? mapLines(item, n + 2) : seqLines(item, n + 2);
      sub[0] = dash + sub[0]!.slice(n + 2);
      lines.push(...sub);
    } else lines.push(dash + leaf(item, n + 2, n + 2));
  }
  return lines;
}

/** sigs.k8s.io/yaml.Marshal(v) as text. */
export function marshalYaml(value: unknown): string {
  const v = normalize(value);
  if (nonEmptyMap(v)) return mapLines(v, 0).join('\n') + '\n';
  if (nonEmptySeq(v)) return seqLines(v, 0).join('\n') + '\n';
  return leaf(v, 0, 2) + '\n';
}
