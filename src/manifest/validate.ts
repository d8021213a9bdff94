/** Checks IstioOperator data against the schema in ./schema.ts: unknown fields and wrong types, with paths. */
import { isTree } from './merge.js';
import { operatorSpecSchema, type Schema } from './schema.js';

export type PathSegment = string | number;

export interface SchemaProblem {
  /** Path under `spec`, e.g. ['values', 'global', 'proxyy']. */
  path: PathSegment[];
  message: string;
}

/** `values.global.proxy` / `components.ingressGateways[0].enabled`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

function typeName(schema: Schema): string {
  switch (schema.t) {
    case 'str':
      return 'a string';
    case 'bool':
      return 'true or false';
    case 'int':
      return 'an integer';
    case 'num':
      return 'a number';
    case 'intstr':
      return 'an integer or a string';
    case 'scalar':
      return 'a string, number or boolean';
    case 'obj':
      return 'a mapping';
    case 'list':
      return 'a list';
    default:
      return 'any value';
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isTree(value)) return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** The child schema of `schema` for `seg`, or undefined when no such field exists. */
export function childSchema(schema: Schema, seg: PathSegment): Schema | undefined {
  if (schema.t === 'any') return schema;
  if (schema.t === 'obj' && typeof seg === 'string') return schema.fields[seg] ?? schema.rest;
  if (schema.t === 'list' && typeof seg === 'number') return schema.of;
  return undefined;
}

/**
 * The schema at `path` under `spec`. When the path leaves the schema, `unknownAt` is the index of the first
 * segment that does not exist.
 */
export function schemaAt(path: readonly PathSegment[], root: Schema = operatorSpecSchema): { schema?: Schema; unknownAt?: number } {
  let node: Schema = root;
  for (let i = 0; i < path.length; i++) {
    const next = childSchema(node, path[i] as PathSegment);
    if (!next) return { unknownAt: i };
    node = next;
  }
  return { schema: node };
}

/** Fields the parent schema offers, for "did you mean" hints. */
export function knownFields(path: readonly PathSegment[]): string[] {
  const { schema } = schemaAt(path);
  return schema?.t === 'obj' ? Object.keys(schema.fields).sort() : [];
}

function scalarOk(schema: Schema, value: unknown): boolean {
  switch (schema.t) {
    case 'str':
      return typeof value === 'string';
    case 'bool':
      return typeof value === 'boolean';
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'num':
      return typeof value === 'number';
    case 'intstr':
      return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
    case 'scalar':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    default:
      return true;
  }
}

/** Every unknown field and type mismatch in `value`, which sits at `path` (under `spec`). Null means "unset". */
export function validateAt(value: unknown, schema: Schema, path: PathSegment[] = []): SchemaProblem[] {
  if (value === null || value === undefined || schema.t === 'any') return [];
  if (schema.t === 'obj') {
    if (!isTree(value)) return [{ path, message: `${formatPath(path) || 'spec'} must be ${typeName(schema)}, found ${describe(value)}` }];
    const problems: SchemaProblem[] = [];
    for (const [key, child] of Object.entries(value)) {
      const sub = schema.fields[key] ?? schema.rest;
      const here = [...path, key];
      if (!sub) problems.push({ path: here, message: `unknown field "${formatPath(here)}"` });
      else problems.push(...validateAt(child, sub, here));
    }
    return problems;
  }
  if (schema.t === 'list') {
    if (!Array.isArray(value)) return [{ path, message: `${formatPath(path)} must be a list, found ${describe(value)}` }];
    return value.flatMap((item, i) => validateAt(item, schema.of, [...path, i]));
  }
  return scalarOk(schema, value) ? [] : [{ path, message: `${formatPath(path)} must be ${typeName(schema)}, found ${describe(value)}` }];
}

/** Validates a whole IstioOperator `spec`. */
export function validateSpec(spec: unknown): SchemaProblem[] {
  return validateAt(spec, operatorSpecSchema);
}
