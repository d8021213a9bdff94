/**
 * Validation of custom resources against a CRD's structural `openAPIV3Schema`: types (integer, number, boolean,
 * string, object, array), enum, required, pattern, minimum/maximum, min/maxItems, min/maxLength, format
 * int32/int64, x-kubernetes-int-or-string, x-kubernetes-preserve-unknown-fields, nullable, additionalProperties,
 * oneOf/anyOf/allOf. Unknown fields are pruned (and reported). CEL `x-kubernetes-validations` are not evaluated.
 */
import type { StatusCause } from './status.js';

type Json = unknown;
type Schema = Record<string, any>;
const isObj = (v: Json): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface SchemaResult {
  causes: StatusCause[];
  /** Paths of unknown fields that were removed, e.g. `spec.foo`. */
  pruned: string[];
}

function typeName(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function show(v: Json): string {
  return typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) || isObj(v) ? `"${typeName(v)}"` : String(v);
}

function typeOk(type: string, v: Json): boolean {
  switch (type) {
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'string':
      return typeof v === 'string';
    case 'object':
      return isObj(v);
    case 'array':
      return Array.isArray(v);
    default:
      return true;
  }
}

class Validator {
  readonly causes: StatusCause[] = [];
  readonly pruned: string[] = [];

  constructor(private readonly prune: boolean) {}

  private add(type: string, field: string, message: string): void {
    this.causes.push({ type, message, field });
  }

  private invalid(field: string, v: Json, why: string): void {
    this.add('FieldValueInvalid', field, `Invalid value: ${show(v)}: ${why}`);
  }

  /** Validates `v` (in place pruning) at `field`. */
  check(s: Schema | undefined, v: Json, field: string): void {
    if (!s) return;
    if (v === null) {
      if (!s.nullable) this.invalid(field, v, `${field} in body must be of type ${s.type ?? 'object'}: "null"`);
      return;
    }
    if (s['x-kubernetes-int-or-string']) {
      if (!(typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)))) {
        this.invalid(field, v, `${field} in body must be of type integer,string: ${show(typeName(v))}`);
        return;
      }
    } else if (s.type && !typeOk(s.type, v)) {
      this.invalid(field, v, `${field} in body must be of type ${s.type}: ${JSON.stringify(typeName(v))}`);
      return;
    }
    if (Array.isArray(s.enum) && !s.enum.some((e: Json) => JSON.stringify(e) === JSON.stringify(v))) {
      this.add('FieldValueNotSupported', field, `Unsupported value: ${show(v)}: supported values: ${s.enum.map((e: Json) => JSON.stringify(e)).join(', ')}`);
    }
    if (typeof v === 'number') this.number(s, v, field);
    if (typeof v === 'string') this.string(s, v, field);
    if (Array.isArray(v)) this.array(s, v, field);
    if (isObj(v)) this.object(s, v, field);
    for (const key of ['oneOf', 'anyOf'] as const) {
      if (!Array.isArray(s[key])) continue;
      const passing = (s[key] as Schema[]).filter((branch) => {
        const probe = new Validator(false);
        probe.check(branch, structuredClone(v), field);
        return probe.causes.length === 0;
      }).length;
      if (key === 'oneOf' && passing !== 1) this.invalid(field, v, `${field} in body must validate one and only one schema (oneOf)`);
      if (key === 'anyOf' && passing === 0) this.invalid(field, v, `${field} in body must validate at least one schema (anyOf)`);
    }
    if (Array.isArray(s.allOf)) for (const branch of s.allOf as Schema[]) this.check(branch, v, field);
  }

  private number(s: Schema, v: number, field: string): void {
    if (s.format === 'int32' && (v > 2147483647 || v < -2147483648)) this.invalid(field, v, `${field} in body must be of type int32`);
    if (typeof s.minimum === 'number' && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum)) {
      this.invalid(field, v, `${field} in body should be greater than or equal to ${s.minimum}`);
    }
    if (typeof s.maximum === 'number' && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum)) {
      this.invalid(field, v, `${field} in body should be less than or equal to ${s.maximum}`);
    }
  }

  private string(s: Schema, v: string, field: string): void {
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) this.invalid(field, v, `${field} in body should match '${s.pattern}'`);
    if (typeof s.minLength === 'number' && v.length < s.minLength) this.invalid(field, v, `${field} in body should be at least ${s.minLength} chars long`);
    if (typeof s.maxLength === 'number' && v.length > s.maxLength) this.add('FieldValueTooLong', field, `Too long: may not be more than ${s.maxLength} bytes`);
  }

  private array(s: Schema, v: Json[], field: string): void {
    if (typeof s.minItems === 'number' && v.length < s.minItems) this.invalid(field, v.length, `${field} in body should have at least ${s.minItems} items`);
    if (typeof s.maxItems === 'number' && v.length > s.maxItems) this.add('FieldValueTooMany', field, `Too many: ${v.length}: must have at most ${s.maxItems} items`);
    if (s.items) v.forEach((item, i) => this.check(s.items, item, `${field}[${i}]`));
  }

  private object(s: Schema, v: Record<string, Json>, field: string): void {
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const req of (s.required ?? []) as string[]) {
      if (!(req in v)) this.add('FieldValueRequired', field ? `${field}.${req}` : req, 'Required value');
    }
    const additional = s.additionalProperties;
    const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
    for (const [k, child] of Object.entries(v)) {
      const path = field ? `${field}.${k}` : k;
      if (props[k]) this.check(props[k], child, path);
      else if (isObj(additional)) this.check(additional as Schema, child, path);
      else if (additional === true || preserve) continue;
      else if (this.prune) {
        this.pruned.push(path);
        delete v[k];
      }
    }
  }
}

/** Validates (and prunes) a custom resource in place against the version's schema. */
export function validateCustomResource(schema: Schema | undefined, object: Record<string, Json>): SchemaResult {
  if (!schema) return { causes: [], pruned: [] };
  const v = new Validator(true);
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  for (const req of (schema.required ?? []) as string[]) if (!(req in object)) v.causes.push({ type: 'FieldValueRequired', message: 'Required value', field: req });
  for (const [k, child] of Object.entries(object)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'metadata') continue;
    if (props[k]) v.check(props[k], child, k);
    else if (schema['x-kubernetes-preserve-unknown-fields'] !== true) {
      v.pruned.push(k);
      delete object[k];
    }
  }
  return { causes: v.causes, pruned: v.pruned };
}
