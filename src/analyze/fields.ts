/**
 * Safe reads of untrusted object data: analyzers never assume a field has the type the schema says, so odd
 * input gives "nothing there" instead of an exception.
 */
export { isRecord } from './snapshot.js';
import { isRecord } from './snapshot.js';

export type Rec = Readonly<Record<string, unknown>>;

/** The value when it is a mapping, else `{}`. */
export function rec(value: unknown): Rec {
  return isRecord(value) ? value : {};
}

/** The value when it is a list, else `[]`. */
export function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value when it is a string, else undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The value when it is a finite number (or a string of digits), else undefined. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** Strings of a list, each with its index (other entries skipped). */
export function strings(value: unknown): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  arr(value).forEach((v, i) => {
    if (typeof v === 'string') out.push([v, i]);
  });
  return out;
}

/** Mappings of a list, each with its index (other entries skipped). */
export function records(value: unknown): Array<[Rec, number]> {
  const out: Array<[Rec, number]> = [];
  arr(value).forEach((v, i) => {
    if (isRecord(v)) out.push([v, i]);
  });
  return out;
}

/** String values of a mapping (labels, selectors). */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(value))) if (typeof v === 'string') out[k] = v;
  return out;
}
