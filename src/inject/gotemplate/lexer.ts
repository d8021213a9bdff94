/**
 * Lexer for Go text/template source, following text/template/parse/lex.go: `{{`/`}}` delimiters, trim markers
 * (`{{- ` / ` -}}` remove the adjacent white space, newlines included), comments, strings, numbers and the
 * tokens inside actions. The whole text is scanned up front into an array of tokens.
 */

export type TokenType =
  | 'text'
  | 'left'
  | 'right'
  | 'field'
  | 'variable'
  | 'identifier'
  | 'keyword'
  | 'string'
  | 'raw'
  | 'char'
  | 'number'
  | 'bool'
  | 'nil'
  | 'dot'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'declare'
  | 'assign'
  | 'comma'
  | 'eof';

export interface Token {
  readonly type: TokenType;
  readonly val: string;
  /** Offset in the source text. */
  readonly pos: number;
  /** True when white space separates this token from the previous one inside the action. */
  readonly sp: boolean;
}

export const KEYWORDS: ReadonlySet<string> = new Set([
  'block',
  'break',
  'continue',
  'define',
  'else',
  'end',
  'if',
  'range',
  'template',
  'with',
]);

/** A lexing failure at `pos`; the parser turns it into a TemplateError with the template name. */
export class LexError extends Error {
  readonly pos: number;
  constructor(message: string, pos: number) {
    super(message);
    this.pos = pos;
  }
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string | undefined): boolean => c !== undefined && (c === '_' || /[\p{L}\p{Nd}]/u.test(c));
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

function rightTrimAt(text: string, i: number): boolean {
  return isSpace(text[i]) && text[i + 1] === '-' && text.startsWith('}}', i + 2);
}

/** Scans `text` into tokens; throws LexError on malformed input. */
export function lex(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let trimNext = false;
  const n = text.length;
  while (i < n) {
    let open = text.indexOf('{{', i);
    if (open === -1) open = n;
    let chunk = text.slice(i, open);
    if (trimNext) chunk = chunk.replace(/^[ \t\r\n]+/, '');
    let start = open;
    let trimLeft = false;
    if (open < n && text[open + 2] === '-' && isSpace(text[open + 3])) {
      trimLeft = true;
      chunk = chunk.replace(/[ \t\r\n]+$/, '');
    }
    if (chunk !== '') out.push({ type: 'text', val: chunk, pos: i, sp: false });
    if (open >= n) break;
    i = open + 2 + (trimLeft ? 2 : 0);
    // Comments: the comment must follow the delimiter (and its trim marker) directly.
    if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close === -1) throw new LexError('unclosed comment', i);
      let j = close + 2;
      let trimRight = false;
      if (rightTrimAt(text, j)) {
        trimRight = true;
        j += 2;
      }
      if (!text.startsWith('}}', j)) throw new LexError('comment ends before closing delimiter', close);
      i = j + 2;
      trimNext = trimRight;
      continue;
    }
    out.push({ type: 'left', val: '{{', pos: start, sp: false });
    start = i;
    trimNext = false;
    i = lexAction(text, i, out, (trim) => {
      trimNext = trim;
    });
  }
  out.push({ type: 'eof', val: '', pos: n, sp: false });
  return out;
}

/** Lexes the inside of one action starting at `i`; returns the offset after `}}`. */
function lexAction(text: string, start: number, out: Token[], setTrim: (trim: boolean) => void): number {
  let i = start;
  let sp = false;
  let parens = 0;
  const push = (type: TokenType, from: number, to: number): void => {
    out.push({ type, val: text.slice(from, to), pos: from, sp });
    sp = false;
  };
  for (;;) {
    if (i >= text.length) throw new LexError('unclosed action', start);
    if (rightTrimAt(text, i) || text.startsWith('}}', i)) {
      const trim = text[i] !== '}';
      if (parens > 0) throw new LexError('unclosed left paren', i);
      out.push({ type: 'right', val: '}}', pos: i, sp });
      setTrim(trim);
      return i + (trim ? 4 : 2);
    }
    const c = text[i]!;
    if (isSpace(c)) {
      while (isSpace(text[i]) && !rightTrimAt(text, i)) i++;
      sp = true;
      continue;
    }
    const from = i;
    if (c === '"') {
      i++;
      while (text[i] !== '"') {
        if (text[i] === '\\') i++;
        if (i >= text.length || text[i] === '\n') throw new LexError('unterminated quoted string', from);
        i++;
      }
      push('string', from, ++i);
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close === -1) throw new LexError('unterminated raw quoted string', from);
      i = close + 1;
      push('raw', from, i);
    } else if (c === "'") {
      i++;
      while (text[i] !== "'") {
        if (text[i] === '\\') i++;
        if (i >= text.length || text[i] === '\n') throw new LexError('unterminated character constant', from);
        i++;
      }
      push('char', from, ++i);
    } else if (c === '$') {
      i++;
      while (isAlnum(text[i])) i++;
      push('variable', from, i);
    } else if (c === '.' && !isDigit(text[i + 1])) {
      i++;
      while (isAlnum(text[i])) i++;
      push(i === from + 1 ? 'dot' : 'field', from, i);
    } else if (c === '+' || c === '-' || c === '.' || isDigit(c)) {
      i = scanNumber(text, i);
      if (isAlnum(text[i]) || text[i] === '.') throw new LexError(`bad number syntax: "${text.slice(from, i + 1)}"`, from);
      push('number', from, i);
    } else if (isAlnum(c)) {
      while (isAlnum(text[i])) i++;
      const word = text.slice(from, i);
      const type: TokenType =
        word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : KEYWORDS.has(word) ? 'keyword' : 'identifier';
      const next = text[i];
      if (next !== undefined && !isSpace(next) && !'.,|:()'.includes(next) && !text.startsWith('}}', i)) {
        throw new LexError(`bad character ${JSON.stringify(next)}`, i);
      }
      push(type, from, i);
    } else if (c === ':') {
      if (text[i + 1] !== '=') throw new LexError('expected :=', i);
      i += 2;
      push('declare', from, i);
    } else if (c === '=') {
      push('assign', from, ++i);
    } else if (c === '|') {
      push('pipe', from, ++i);
    } else if (c === ',') {
      push('comma', from, ++i);
    } else if (c === '(') {
      parens++;
      push('lparen', from, ++i);
    } else if (c === ')') {
      if (--parens < 0) throw new LexError('unexpected right paren', i);
      push('rparen', from, ++i);
    } else {
      throw new LexError(`unrecognized character in action: ${JSON.stringify(c)}`, i);
    }
  }
}

/** Go's scanNumber: optional sign, 0x/0o/0b prefixes, digits with underscores, fraction, exponent. */
function scanNumber(text: string, start: number): number {
  let i = start;
  if (text[i] === '+' || text[i] === '-') i++;
  let digits = /[0-9_]/;
  let exp = /[eE]/;
  if (text[i] === '0' && /[xXoObB]/.test(text[i + 1] ?? '')) {
    const p = text[i + 1]!.toLowerCase();
    i += 2;
    digits = p === 'x' ? /[0-9a-fA-F_]/ : p === 'o' ? /[0-7_]/ : /[01_]/;
    exp = p === 'x' ? /[pP]/ : /$^/;
  }
  while (i < text.length && digits.test(text[i]!)) i++;
  if (text[i] === '.') {
    i++;
    while (i < text.length && digits.test(text[i]!)) i++;
  }
  if (i < text.length && exp.test(text[i]!)) {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    while (isDigit(text[i]) || text[i] === '_') i++;
  }
  return i;
}

/** Go's strconv.Unquote for the three literal forms the lexer produces. */
export function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1).replace(/\r/g, '');
  const body = literal.slice(1, -1);
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };
    if (e !== undefined && e in simple) {
      out += simple[e];
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new Error('invalid syntax');
      out += e === 'x' ? String.fromCharCode(parseInt(hex, 16)) : String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else if (e !== undefined && e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw new Error('invalid syntax');
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else {
      throw new Error('invalid syntax');
    }
  }
  return out;
}

/** Go's number literal rules (strconv with base prefixes and underscores) -> value and float-ness. */
export function parseNumber(text: string): { value: number; isFloat: boolean } | undefined {
  const clean = text.replace(/_/g, '');
  const neg = clean.startsWith('-');
  const unsigned = clean.replace(/^[+-]/, '');
  let value: number;
  let isFloat = false;
  if (/^0[xX][0-9a-fA-F]+$/.test(unsigned)) value = parseInt(unsigned.slice(2), 16);
  else if (/^0[oO][0-7]+$/.test(unsigned)) value = parseInt(unsigned.slice(2), 8);
  else if (/^0[bB][01]+$/.test(unsigned)) value = parseInt(unsigned.slice(2), 2);
  else if (/^0[0-7]+$/.test(unsigned)) value = parseInt(unsigned, 8);
  else if (/^[0-9]+$/.test(unsigned)) value = parseInt(unsigned, 10);
  else if (/^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(unsigned)) {
    value = Number(unsigned);
    isFloat = true;
  } else return undefined;
  return { value: neg ? -value : value, isFloat };
}
