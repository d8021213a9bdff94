/**
 * encoding/json's Marshal and MarshalIndent for template data: map keys sorted, `<`, `>`, `&`, U+2028 and
 * U+2029 escaped (unless escapeHTML is off, as sprig's toRawJson), Go's float formatting.
 */
import { formatFloat } from './format.js';
import { isMap, sortedKeys } from './values.js';

export class JsonError extends Error {}

function jsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (cp < 0x20) {
      const named: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
      out += named[cp] ?? '\\u' + cp.toString(16).padStart(4, '0');
    } else if (escapeHTML && (ch === '<' || ch === '>' || ch === '&')) out += '\\u' + cp.toString(16).padStart(4, '0');
    else if (cp === 0x2028 || cp === 0x2029) out += '\\u' + cp.toString(16);
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

function jsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new JsonError(`json: unsupported value: ${formatFloat(n, 'g', -1)}`);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const abs = Math.abs(n);
  if (abs < 1e-6 || abs >= 1e21) return formatFloat(n, 'e', -1).replace(/e([+-])0(\d)$/, 'e$1$2');
  return formatFloat(n, 'f', -1);
}

function encode(v: unknown, escapeHTML: boolean, indent: string, depth: number): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return jsonString(v, escapeHTML);
    case 'number':
      return jsonNumber(v);
    case 'boolean':
      return String(v);
    case 'bigint':
      return v.toString();
    case 'function':
      throw new JsonError('json: unsupported type: func()');
    default:
      break;
  }
  const nl = indent === '' ? '' : '\n' + indent.repeat(depth + 1);
  const end = indent === '' ? '' : '\n' + indent.repeat(depth);
  const colon = indent === '' ? ':' : ': ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[' + v.map((e) => nl + encode(e, escapeHTML, indent, depth + 1)).join(',') + end + ']';
  }
  if (isMap(v)) {
    const keys = sortedKeys(v).filter((k) => v[k] !== undefined);
    if (keys.length === 0) return '{}';
    return '{' + keys.map((k) => nl + jsonString(k, escapeHTML) + colon + encode(v[k], escapeHTML, indent, depth + 1)).join(',') + end + '}';
  }
  throw new JsonError(`json: unsupported type: ${typeof v}`);
}

/** json.Marshal (indent '') or json.MarshalIndent(v, "", indent). Throws JsonError for unsupported values. */
export function marshalJson(v: unknown, options: { indent?: string; escapeHTML?: boolean } = {}): string {
  return encode(v, options.escapeHTML ?? true, options.indent ?? '', 0);
}
