/**
 * A small, fast YAML emitter for plain data, in kubectl's style: two-space indentation, sequences at
 * their parent key's indentation, block literals for multi-line strings, quotes only where YAML 1.1 or 1.2
 * would read the text as something other than that string. Key order is the object's order.
 */

const NON_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN|[-+]?(?:0|[1-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?0[0-7_]+|0o[0-7]+|[-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?|=|<<)$/;
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

/** Most keys and values: a letter, then letters, digits and `_./-`. Of NON_STRING, only these words can match them. */
const PLAIN_WORD = /^[a-zA-Z][a-zA-Z0-9_./-]*$/;
const NON_STRING_WORD = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

function plainOk(s: string): boolean {
  if (PLAIN_WORD.test(s)) return !NON_STRING_WORD.test(s); // the checks below, decided quickly
  if (s === '' || s.trim() !== s || NON_STRING.test(s)) return false;
  if (INDICATOR_START.test(s)) {
    // `-x`, `--flag`, `:x` style starts are fine when not followed by a space
    if (!/^[-?:][^\s]/.test(s) || s === '-' || s.startsWith('- ') || s === '---') return false;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(s)) return false;
  return !s.includes(': ') && !s.includes(' #') && !s.endsWith(':') && !/[,[\]{}]/.test(s.charAt(0));
}

function quoted(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff'\\]/.test(s) && s !== '') {
    return NON_STRING.test(s) ? `"${s}"` : `'${s}'`;
  }
  return JSON.stringify(s);
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? '.inf' : value < 0 ? '-.inf' : '.nan';
  if (typeof value === 'bigint') return String(value);
  const s = String(value);
  return plainOk(s) ? s : quoted(s);
}

function keyText(key: string): string {
  return plainOk(key) ? key : quoted(key);
}

/** A multi-line string as a literal block, when its lines allow it. */
function literalBlock(s: string, indent: string): string | undefined {
  if (!s.includes('\n') || /[\r\t]/.test(s) || s.startsWith(' ') || s.startsWith('\n')) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029\ufeff]/.test(s)) return undefined;
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  if (body.endsWith('\n') || body.split('\n').some((l) => l.endsWith(' '))) return undefined;
  const chomp = s.endsWith('\n') ? '|' : '|-';
  return `${chomp}\n${body
    .split('\n')
    .map((l) => (l === '' ? '' : indent + l))
    .join('\n')}\n`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function emitValue(out: string[], value: unknown, indent: string): void {
  // called after "key:" or "-": writes the rest of the line and nested lines
  if (Array.isArray(value)) {
    if (value.length === 0) out.push(' []\n');
    else {
      out.push('\n');
      emitSeq(out, value, indent);
    }
  } else if (isObject(value)) {
    if (Object.keys(value).length === 0) out.push(' {}\n');
    else {
      out.push('\n');
      emitMap(out, value, indent + '  ');
    }
  } else if (typeof value === 'string') {
    const block = literalBlock(value, indent + '  ');
    out.push(block ? ` ${block}` : ` ${scalarText(value)}\n`);
  } else out.push(` ${scalarText(value)}\n`);
}

function emitMap(out: string[], map: Record<string, unknown>, indent: string): void {
  for (const [k, v] of Object.entries(map)) {
    if (v === undefined) continue;
    out.push(`${indent}${keyText(k)}:`);
    emitValue(out, v, Array.isArray(v) ? indent : indent);
  }
}

function emitSeq(out: string[], seq: readonly unknown[], indent: string): void {
  for (const item of seq) {
    if (isObject(item) && Object.keys(item).length > 0) {
      const inner = indent + '  ';
      let first = true;
      for (const [k, v] of Object.entries(item)) {
        if (v === undefined) continue;
        out.push(first ? `${indent}- ${keyText(k)}:` : `${inner}${keyText(k)}:`);
        first = false;
        emitValue(out, v, inner);
      }
    } else if (Array.isArray(item) && item.length > 0) {
      out.push(`${indent}-\n`);
      emitSeq(out, item, indent + '  ');
    } else {
      out.push(`${indent}-`);
      emitValue(out, item, indent + '  ');
    }
  }
}

/** One document's YAML text (no `---`), ending with a newline. */
export function emitYaml(value: unknown): string {
  const out: string[] = [];
  if (isObject(value) && Object.keys(value).length > 0) emitMap(out, value, '');
  else if (Array.isArray(value) && value.length > 0) emitSeq(out, value, '');
  else {
    emitValue(out, value, '');
    return (out.join('') as string).trimStart();
  }
  return out.join('');
}
