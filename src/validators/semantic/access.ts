/** Safe readers for unvalidated documents (the schema reports wrong types; semantic checks just skip them). */
export type Obj = Record<string, unknown>;

export const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
export const entries = (v: unknown): [string, unknown][] => Object.entries(obj(v) ?? {});
