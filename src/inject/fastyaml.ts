/**
 * A fast reader for the block-style YAML that injection templates produce (mappings, sequences, plain and
 * quoted scalars, `|` literals, one-line flow collections). Anything else (anchors, tags, folded or
 * multi-line scalars, complex keys) makes it give up, and the caller uses the full yaml parser. It resolves
 * scalars as the yaml package's default (YAML 1.2 core) schema does, so both give the same data.
 */

export class Unsupported extends Error {}

const NULL = /^(?:~|null|Null|NULL)$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INF = /^[-+]?\.(?:inf|Inf|INF)$/;
const NAN = /^\.(?:nan|NaN|NAN)$/;

function plain(text: string): unknown {
  if (text === '' || NULL.test(text)) return null;
  const c = text.charCodeAt(0);
  // fast path: most scalars start with a letter that cannot begin a number/bool/null
  if ((c >= 97 && c <= 122 && c !== 116 && c !== 102 && c !== 110) || c === 47 || c === 36) return text;
  if (BOOL.test(text)) return text.charAt(0).toLowerCase() === 't';
  if (INT.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : text.length > 15 ? Number(text) : n;
  }
  if (OCT.test(text)) return parseInt(text.slice(2), 8);
  if (HEX.test(text)) return parseInt(text.slice(2), 16);
  if (FLOAT.test(text)) return Number(text);
  if (INF.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (NAN.test(text)) return NaN;
  if (/^[&*!|>%@`]/.test(text)) throw new Unsupported();
  return text;
}

/** Reads one scalar or flow value from `s` starting at `i`; returns value and end index. */
function scalarAt(s: string, i: number, flow: boolean): [unknown, number] {
  const ch = s[i];
  if (ch === '"') {
    let j = i + 1;
    let escaped = false;
    for (; j < s.length; j++) {
      const c = s[j];
      if (c === '\\') {
        escaped = true;
        j++;
      } else if (c === '"') break;
    }
    if (j >= s.length) throw new Unsupported();
    const body = s.slice(i + 1, j);
    if (!escaped) return [body, j + 1];
    if (/\\[^"\\/bfnrtu]/.test(body)) throw new Unsupported();
    return [JSON.parse(`"${body}"`) as string, j + 1];
  }
  if (ch === "'") {
    let j = i + 1;
    let out = '';
    for (;;) {
      const k = s.indexOf("'", j);
      if (k === -1) throw new Unsupported();
      out += s.slice(j, k);
      if (s[k + 1] === "'") {
        out += "'";
        j = k + 2;
      } else return [out, k + 1];
    }
  }
  if (ch === '[' || ch === '{') return flowAt(s, i);
  let j = i;
  for (; j < s.length; j++) {
    const c = s[j];
    if (c === '#' && s[j - 1] === ' ') break;
    if (flow && (c === ',' || c === ']' || c === '}')) break;
    if (c === ':' && (j + 1 === s.length || s[j + 1] === ' ' || (flow && (s[j + 1] === ',' || s[j + 1] === '}')))) {
      if (flow) break;
      throw new Unsupported();
    }
  }
  return [plain(s.slice(i, j).trim()), j];
}

function skipSpaces(s: string, i: number): number {
  while (s[i] === ' ') i++;
  return i;
}

function flowAt(s: string, i: number): [unknown, number] {
  const open = s[i];
  const close = open === '[' ? ']' : '}';
  const out: unknown[] | Record<string, unknown> = open === '[' ? [] : {};
  i = skipSpaces(s, i + 1);
  while (s[i] !== close) {
    if (i >= s.length) throw new Unsupported();
    if (Array.isArray(out)) {
      const [v, j] = scalarAt(s, i, true);
      out.push(v);
      i = skipSpaces(s, j);
    } else {
      const [k, j] = scalarAt(s, i, true);
      let at = skipSpaces(s, j);
      if (s[at] !== ':') throw new Unsupported();
      at = skipSpaces(s, at + 1);
      const [v, e] = scalarAt(s, at, true);
      out[String(k)] = v;
      i = skipSpaces(s, e);
    }
    if (s[i] === ',') i = skipSpaces(s, i + 1);
    else if (s[i] !== close) throw new Unsupported();
  }
  return [out, i + 1];
}

interface Line {
  indent: number;
  text: string;
  raw: number;
}

export function parseFastYaml(input: string): unknown {
  const raws = input.split('\n');
  const lines: Line[] = [];
  for (let r = 0; r < raws.length; r++) {
    const line = raws[r] as string;
    if (line.includes('\t') || line.includes('\r')) throw new Unsupported();
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    if (indent === line.length || line[indent] === '#') continue;
    const text = line.slice(indent).trimEnd();
    if (text === '---' || text === '...' || text.startsWith('%') || text.startsWith('--- ')) throw new Unsupported();
    lines.push({ indent, text, raw: r });
  }
  let pos = 0;

  const blockScalar = (header: string, parentIndent: number, afterRaw: number): unknown => {
    if (header !== '|' && header !== '|-') throw new Unsupported();
    const body: string[] = [];
    let contentIndent = -1;
    let r = afterRaw + 1;
    for (; r < raws.length; r++) {
      const line = raws[r] as string;
      const trimmed = line.trim();
      let ind = 0;
      while (line.charCodeAt(ind) === 32) ind++;
      if (trimmed === '') {
        body.push('');
        continue;
      }
      if (contentIndent === -1) {
        if (ind <= parentIndent) break;
        contentIndent = ind;
      }
      if (ind < contentIndent) break;
      body.push(line.slice(contentIndent));
    }
    while (pos < lines.length && (lines[pos] as Line).raw < r) pos++;
    // trailing blank lines belong to the chomping indicator: clipped (|) or stripped (|-)
    while (body.length > 0 && body[body.length - 1] === '') body.pop();
    const text = body.join('\n');
    if (header === '|-') return text;
    return text === '' ? '' : `${text}\n`;
  };

  const value = (rest: string, indent: number, line: Line): unknown => {
    if (rest.startsWith('|') || rest.startsWith('>')) return blockScalar(rest.replace(/\s+#.*$/, ''), indent, line.raw);
    const [v, end] = scalarAt(rest, 0, false);
    const tail = rest.slice(end).trim();
    if (tail !== '' && !tail.startsWith('#')) throw new Unsupported();
    return v;
  };

  const node = (indent: number): unknown => {
    const line = lines[pos];
    if (!line || line.indent < indent) return null;
    return line.text === '-' || line.text.startsWith('- ') ? seq(line.indent) : map(line.indent);
  };

  const keyOf = (text: string): [string, string] => {
    let key: unknown;
    let end: number;
    if (text[0] === '"' || text[0] === "'") {
      [key, end] = scalarAt(text, 0, false);
      if (text[end] !== ':') throw new Unsupported();
    } else {
      end = text.indexOf(': ');
      if (end === -1) {
        if (!text.endsWith(':')) throw new Unsupported();
        end = text.length - 1;
      }
      key = text.slice(0, end);
      if ((key as string).trimEnd() !== key) throw new Unsupported();
      if (/^[[{&*!|>?]/.test(key as string) || (key as string).includes(' #')) throw new Unsupported();
    }
    return [String(key), text.slice(end + 1).trim()];
  };

  const map = (indent: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (;;) {
      const line = lines[pos];
      if (!line || line.indent !== indent) break;
      if (line.text === '-' || line.text.startsWith('- ')) break;
      const [key, rest] = keyOf(line.text);
      if (Object.hasOwn(out, key) || key === '__proto__') throw new Unsupported(); // duplicates: the full parser reports them
      pos++;
      if (rest === '' || rest.startsWith('#')) {
        const next = lines[pos];
        if (next && next.indent > indent) out[key] = node(next.indent);
        else if (next && next.indent === indent && (next.text === '-' || next.text.startsWith('- '))) out[key] = seq(indent);
        else out[key] = null;
      } else out[key] = value(rest, indent, line);
    }
    const after = lines[pos];
    if (after && after.indent > indent) throw new Unsupported();
    return out;
  };

  const seq = (indent: number): unknown[] => {
    const out: unknown[] = [];
    for (;;) {
      const line = lines[pos];
      if (!line || line.indent !== indent || !(line.text === '-' || line.text.startsWith('- '))) break;
      const rest = line.text.slice(1).trimStart();
      if (rest === '' || rest.startsWith('#')) {
        pos++;
        const next = lines[pos];
        out.push(next && next.indent > indent ? node(next.indent) : null);
        continue;
      }
      const col = line.indent + (line.text.length - rest.length);
      if (rest.startsWith('- ') || rest === '-') {
        lines[pos] = { indent: col, text: rest, raw: line.raw };
        out.push(seq(col));
        continue;
      }
      if (rest[0] !== '"' && rest[0] !== "'" && rest[0] !== '[' && rest[0] !== '{' && (rest.includes(': ') || rest.endsWith(':'))) {
        lines[pos] = { indent: col, text: rest, raw: line.raw };
        out.push(map(col));
        continue;
      }
      if ((rest[0] === '"' || rest[0] === "'") && /^("[^"\\]*"|'[^']*')\s*:(\s|$)/.test(rest)) {
        lines[pos] = { indent: col, text: rest, raw: line.raw };
        out.push(map(col));
        continue;
      }
      pos++;
      out.push(value(rest, indent, line));
    }
    return out;
  };

  if (lines.length === 0) return null;
  const first = lines[0] as Line;
  const result = node(first.indent);
  if (pos < lines.length) throw new Unsupported();
  return result;
}
