/**
 * How JavaScript data stands for Go values in templates:
 * - `undefined` is Go's "no value" (a missing map key, an invalid reflect.Value); `null` is a nil interface.
 * - Integral numbers are Go `int`s, other numbers `float64`. (So an integral float64 such as 1e6 prints as
 *   1000000, where Go would print 1e+06; templates rarely meet this.)
 * - Arrays are `[]interface {}`, plain objects `map[string]interface {}`. An object marked with
 *   goStringMap() is a `map[string]string`: a missing key reads as "" instead of no value (what istiod's
 *   `.ObjectMeta.Annotations` / `.Labels` / `.ProxyConfig.ProxyMetadata` give).
 * - A function-valued property is a method: `.Obj.GetValue` calls it (with the command's arguments);
 *   one marked with goFuncValue() is a func value instead, read as it is (for `call`).
 * - An object with a `String` method is a fmt.Stringer when printed.
 */

export const STRING_MAP: unique symbol = Symbol.for('sailctl.gotemplate.stringMap');

/** Marks `map` as a Go map[string]string (missing keys read as ""), and returns it. */
export function goStringMap<T extends object>(map: T): T {
  Object.defineProperty(map, STRING_MAP, { value: true, enumerable: false });
  return map;
}

export const FUNC_VALUE: unique symbol = Symbol.for('sailctl.gotemplate.funcValue');

/** Marks `fn` as a Go func-typed value (for `call`): reading it as a field yields it instead of calling it. */
export function goFuncValue<F extends (...args: never[]) => unknown>(fn: F): F {
  Object.defineProperty(fn, FUNC_VALUE, { value: true, enumerable: false });
  return fn;
}

export type GoMap = Record<string, unknown>;

export function isMap(v: unknown): v is GoMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const OBJECT_PROTO = Object.prototype as unknown as Record<string, unknown>;

/** Value of key `k` in map `m`, or undefined when absent (inherited Object.prototype members are absent). */
export function mapGet(m: GoMap, k: string): unknown {
  const v = m[k];
  if (v === undefined) return undefined;
  if ((k in OBJECT_PROTO && v === OBJECT_PROTO[k]) || (k === '__proto__' && !Object.hasOwn(m, k))) return undefined;
  return v;
}

/** Sets key `k` of `m`, safe for keys such as `__proto__`. */
export function mapSet(m: GoMap, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(m, k, { value: v, enumerable: true, writable: true, configurable: true });
  else m[k] = v;
}

/** Data keys of a map in Go's order for map[string]X (byte order of the keys; functions are methods, not keys). */
export function sortedKeys(m: GoMap): string[] {
  const keys = Object.keys(m).filter((k) => typeof m[k] !== 'function');
  return keys.sort(compareStrings);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Go's template truth: false, 0, nil, no value and empty strings, slices and maps are false. */
export function isTrue(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') {
    for (const k in v) if (typeof (v as GoMap)[k] !== 'function') return true;
    return false;
  }
  if (typeof v === 'bigint') return v !== 0n;
  return true;
}

export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** Go's %T of the value. */
export function goType(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float64';
    case 'bigint':
      return 'int64';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'func(...interface {}) interface {}';
    case 'object':
      if (v === null) return '<nil>';
      if (Array.isArray(v)) return '[]interface {}';
      return (v as Record<symbol, unknown>)[STRING_MAP] ? 'map[string]string' : 'map[string]interface {}';
    default:
      return '<nil>';
  }
}

/** Go's reflect.Kind name of the value (sprig's kindOf). */
export function goKind(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float64';
    case 'bigint':
      return 'int64';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'func';
    case 'object':
      return v === null ? 'invalid' : Array.isArray(v) ? 'slice' : 'map';
    default:
      return 'invalid';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function isAscii(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s);
}

/** len(s) in Go: the number of UTF-8 bytes. */
export function byteLength(s: string): number {
  return isAscii(s) ? s.length : encoder.encode(s).length;
}

/** s[from:to] in Go (byte offsets); a cut inside a character becomes U+FFFD, as printing the bytes would show. */
export function byteSlice(s: string, from: number, to?: number): string {
  if (isAscii(s)) return s.slice(from, to);
  return decoder.decode(encoder.encode(s).slice(from, to));
}

export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Go's index of a string: the byte at `i`. */
export function byteAt(s: string, i: number): number | undefined {
  return isAscii(s) ? s.charCodeAt(i) : encoder.encode(s)[i];
}
