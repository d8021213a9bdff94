/** ajv errors of a compiled validator -> issues with a path into the document and our own wording. */
import type { PathSegment } from '../resources/types.js';
import type { SemanticIssue } from './semantic/index.js';
import type { AjvError, CompiledValidatorModule } from './types.js';

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean (true or false)',
  object: 'a mapping',
  array: 'a list',
};

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `the integer ${v}` : `the number ${v}`;
  return `${typeof v} ${String(v)}`;
}

/** JSON pointer -> segments, with array indexes as numbers (decided by the data, not the text). */
export function pointerToPath(doc: unknown, pointer: string): PathSegment[] {
  if (pointer === '') return [];
  const path: PathSegment[] = [];
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const i = Number(seg);
      path.push(i);
      node = node[i];
    } else {
      path.push(seg);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return path;
}

function valueAt(doc: unknown, path: readonly PathSegment[]): unknown {
  let node = doc;
  for (const seg of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[seg] : undefined;
  return node;
}

function issueFor(doc: unknown, e: AjvError): SemanticIssue | undefined {
  const path = pointerToPath(doc, e.instancePath);
  const p = e.params;
  const value = () => valueAt(doc, path);
  switch (e.keyword) {
    case 'additionalProperties':
      return { path: [...path, String(p.additionalProperty)], at: 'key', severity: 'error', message: `unknown field "${String(p.additionalProperty)}"` };
    case 'required':
      return { path, severity: 'error', message: `missing required field "${String(p.missingProperty)}"` };
    case 'type': {
      if (value() === null && typeof path.at(-1) === 'number') return { path, severity: 'error', message: 'list items must not be null' };
      const types = String(p.type).split(',').filter((t) => t !== 'null');
      return { path, severity: 'error', message: `expected ${types.map((t) => TYPE_NAMES[t] ?? t).join(' or ')}, got ${describeValue(value())}` };
    }
    case 'enum': {
      const allowed = ((p.allowedValues as unknown[]) ?? []).filter((v) => v !== null).map(String);
      return { path, severity: 'error', message: `${JSON.stringify(value())} is not one of ${allowed.join(', ')}` };
    }
    case 'minimum':
    case 'maximum':
      return { path, severity: 'error', message: `${String(value())} is ${e.keyword === 'minimum' ? 'below the minimum' : 'above the maximum'} of ${String(p.limit)}` };
    case 'minItems':
      return { path, severity: 'error', message: `needs at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}` };
    case 'maxItems':
      return { path, severity: 'error', message: `has more than ${String(p.limit)} items` };
    case 'minLength':
      return { path, severity: 'error', message: p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters long` };
    case 'maxLength':
      return { path, severity: 'error', message: `is longer than ${String(p.limit)} characters` };
    case 'maxProperties':
      return { path, severity: 'error', message: `has more than ${String(p.limit)} entries` };
    case 'minProperties':
      return { path, severity: 'error', message: `needs at least ${String(p.limit)} ${p.limit === 1 ? 'entry' : 'entries'}` };
    case 'pattern':
      return { path, severity: 'error', message: `${JSON.stringify(value())} does not match ${String(p.pattern)}` };
    case 'not':
      return { path, severity: 'error', message: 'this combination of fields is not allowed' };
    case 'anyOf':
    case 'allOf':
    case 'if':
    case 'false schema':
      return undefined; // their sub-errors say what is wrong
    default:
      return { path, severity: 'error', message: `is invalid (${e.keyword})` };
  }
}

export function schemaIssues(m: CompiledValidatorModule, doc: unknown): SemanticIssue[] {
  if (m.validate(doc)) return [];
  const out: SemanticIssue[] = [];
  for (const e of m.validate.errors ?? []) {
    const i = issueFor(doc, e);
    if (i) out.push(i);
  }
  return out;
}
