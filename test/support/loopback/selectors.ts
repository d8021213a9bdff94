/**
 * Label selectors (equality `a=b`, `a==b`, `a!=b`; set-based `a in (x,y)`, `a notin (x)`, `a`, `!a`) and field
 * selectors (`metadata.name`, `metadata.namespace`, `status.phase`, `spec.nodeName`, `involvedObject.*`, `type`
 * for Secrets/Events), parsed once into predicates. Parse errors are 400 BadRequest like the API server.
 */
import type { KubeObject } from '../../../src/kube/types.js';
import { badRequest } from './status.js';

export type Predicate = (o: KubeObject) => boolean;

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;

function checkKey(key: string, whole: string): void {
  if (!KEY.test(key)) throw badRequest(`unable to parse requirement: invalid label key "${key}" in selector "${whole}"`);
}

function requirement(term: string, whole: string): (labels: Record<string, string>) => boolean {
  const set = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(term);
  if (set) {
    const [, key, op, list] = set as unknown as [string, string, string, string];
    checkKey(key, whole);
    const values = new Set(list.split(',').map((v) => v.trim()).filter((v) => v !== ''));
    return op === 'in' ? (l) => key in l && values.has(l[key] as string) : (l) => !(key in l) || !values.has(l[key] as string);
  }
  const eq = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (eq) {
    const [, key, op, value] = eq as unknown as [string, string, string, string];
    checkKey(key, whole);
    return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
  }
  if (term.startsWith('!')) {
    const key = term.slice(1).trim();
    checkKey(key, whole);
    return (l) => !(key in l);
  }
  checkKey(term, whole);
  return (l) => term in l;
}

export function labelSelector(selector: string | undefined): Predicate {
  if (!selector || selector.trim() === '') return () => true;
  const reqs = splitTopLevel(selector).map((t) => requirement(t, selector));
  return (o) => {
    const labels = o.metadata.labels ?? {};
    return reqs.every((r) => r(labels));
  };
}

function fieldValue(o: KubeObject, field: string): string | undefined {
  let cur: unknown = o;
  for (const part of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined || cur === null ? undefined : String(cur);
}

const FIELDS = /^(metadata\.name|metadata\.namespace|status\.phase|spec\.nodeName|spec\.serviceAccountName|status\.podIP|type|reason|source|involvedObject\.[a-zA-Z]+)$/;

export function fieldSelector(selector: string | undefined, kind?: string): Predicate {
  if (!selector || selector.trim() === '') return () => true;
  const reqs = splitTopLevel(selector).map((term) => {
    const m = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [, field, op, value] = m as unknown as [string, string, string, string];
    if (!FIELDS.test(field)) {
      throw badRequest(`field label not supported: ${field}`);
    }
    return (o: KubeObject) => {
      const actual = fieldValue(o, field) ?? (field === 'metadata.namespace' ? '' : field === 'status.phase' ? '' : undefined);
      return op === '!=' ? actual !== value : actual === value;
    };
  });
  void kind;
  return (o) => reqs.every((r) => r(o));
}
