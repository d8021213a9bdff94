/**
 * Go-typed parameters for template functions. text/template converts each argument to the parameter's Go
 * type before calling (`upper` takes a string: `upper 5` fails with "wrong type for value; expected string;
 * got int"); these helpers do that check. Plus sprig's own conversions (strval, cast.ToInt64, empty).
 */
import { formatValue } from './format.js';
import { goType, isMap, type GoMap } from './values.js';

/** An argument of the wrong Go type; reported without the "error calling" prefix, as Go does. */
export class ArgTypeError extends Error {
  constructor(
    readonly value: unknown,
    readonly want: string,
  ) {
    super(value === null || value === undefined ? `invalid value; expected ${want}` : `wrong type for value; expected ${want}; got ${goType(value)}`);
  }
}

function wrongType(v: unknown, want: string): never {
  throw new ArgTypeError(v, want);
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : wrongType(v, 'string');
}

export function int(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) ? v : wrongType(v, 'int');
}

export function bool(v: unknown): boolean {
  return typeof v === 'boolean' ? v : wrongType(v, 'bool');
}

/** A map[string]interface{} parameter; nil is allowed (a nil map). */
export function dict(v: unknown): GoMap | null {
  if (v === null || v === undefined) return null;
  if (isMap(v) && goType(v) === 'map[string]interface {}') return v;
  return wrongType(v, 'map[string]interface {}');
}

/** sprig's strval: strings as they are, Stringers through String(), anything else through %v. */
export function strval(v: unknown): string {
  return typeof v === 'string' ? v : formatValue(v);
}

/** spf13/cast ToInt64 as sprig uses it: numbers truncate, strings parse (0x/0 prefixes too), others 0. */
export function toInt64(v: unknown): number {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? Math.trunc(v) : 0;
    case 'boolean':
      return v ? 1 : 0;
    case 'bigint':
      return Number(v);
    case 'string': {
      const s = v.replace(/^([+-]?\d+)\.0*$/, '$1');
      const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
      if (!m) return 0;
      const body = m[2]!.replace(/_/g, '');
      const lower = body.toLowerCase();
      let n: number;
      if (lower.startsWith('0x')) n = parseInt(lower.slice(2), 16);
      else if (lower.startsWith('0b')) n = parseInt(lower.slice(2), 2);
      else if (lower.startsWith('0o')) n = parseInt(lower.slice(2), 8);
      else if (lower.length > 1 && lower.startsWith('0')) n = parseInt(lower, 8);
      else n = parseInt(lower, 10);
      return m[1] === '-' ? -n : n;
    }
    default:
      return 0;
  }
}

/** spf13/cast ToFloat64. */
export function toFloat64(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim() === v ? Number(v) : NaN;
    return v !== '' && !Number.isNaN(t) ? t : 0;
  }
  return 0;
}

/** sprig's empty: nil, no value, false, 0, and empty strings, slices and maps. */
export function empty(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isMap(v)) return Object.keys(v).length === 0;
  return false;
}

/** reflect.DeepEqual for template data. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** The elements of a Go slice argument, or undefined when `v` is not one. */
export function listOf(v: unknown): unknown[] | undefined {
  return Array.isArray(v) ? v : undefined;
}
