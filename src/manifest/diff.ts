/**
 * Object-by-object comparison of two manifests (`manifest diff`), and the field-level comparison of two values
 * that `plan` can reuse. Objects are matched by `Kind:namespace:name`; list items that all carry a `name`
 * (containers, env, ports, webhooks) are matched by name, other lists by position.
 */
import type { KubeObject } from '../kube/types.js';
import { isTree } from './merge.js';

export interface FieldChange {
  /** `spec.template.spec.containers[name=discovery].image` */
  path: string;
  /** Absent when the field is new. */
  before?: unknown;
  /** Absent when the field is gone. */
  after?: unknown;
}

export interface ObjectDiff {
  /** `Deployment:istio-system:istiod` (namespace empty for cluster-scoped kinds). */
  key: string;
  status: 'added' | 'removed' | 'changed';
  changes: FieldChange[];
}

export function objectKey(o: KubeObject): string {
  return `${o.kind}:${o.metadata.namespace ?? ''}:${o.metadata.name ?? ''}`;
}

function named(list: unknown[]): boolean {
  const names = list.map((i) => (isTree(i) && typeof i.name === 'string' ? i.name : undefined));
  return names.every((n) => n !== undefined) && new Set(names).size === names.length;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Field-level differences between `a` (before) and `b` (after); `ignore` filters paths (exact or prefix). */
export function diffValues(a: unknown, b: unknown, path = '', ignore: (path: string) => boolean = () => false): FieldChange[] {
  if (ignore(path)) return [];
  if (isTree(a) && isTree(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => {
      const p = join(path, k);
      if (!(k in a)) return ignore(p) ? [] : [{ path: p, after: b[k] }];
      if (!(k in b)) return ignore(p) ? [] : [{ path: p, before: a[k] }];
      return diffValues(a[k], b[k], p, ignore);
    });
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length > 0 && b.length > 0 && named(a) && named(b)) {
      const byName = (l: unknown[]) => new Map(l.map((i) => [(i as { name: string }).name, i]));
      const ma = byName(a);
      const mb = byName(b);
      const out: FieldChange[] = [];
      for (const [name, item] of ma) {
        const p = `${path}[name=${name}]`;
        if (!mb.has(name)) out.push({ path: p, before: item });
        else out.push(...diffValues(item, mb.get(name), p, ignore));
      }
      for (const [name, item] of mb) if (!ma.has(name)) out.push({ path: `${path}[name=${name}]`, after: item });
      // Same items in another order is a change too (order matters for containers, webhooks, args).
      if (out.length === 0 && [...ma.keys()].join('\0') !== [...mb.keys()].join('\0')) out.push({ path: `${path}(order)`, before: [...ma.keys()], after: [...mb.keys()] });
      return out;
    }
    const out: FieldChange[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const p = `${path}[${i}]`;
      if (i >= a.length) out.push({ path: p, after: b[i] });
      else if (i >= b.length) out.push({ path: p, before: a[i] });
      else out.push(...diffValues(a[i], b[i], p, ignore));
    }
    return out;
  }
  return Object.is(a, b) ? [] : [{ path, before: a, after: b }];
}

/** Differences between two sets of objects, sorted by key. Objects present in both and equal are omitted. */
export function diffManifests(before: readonly KubeObject[], after: readonly KubeObject[], ignore?: (path: string) => boolean): ObjectDiff[] {
  const index = (list: readonly KubeObject[]) => new Map(list.map((o) => [objectKey(o), o]));
  const a = index(before);
  const b = index(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: ObjectDiff[] = [];
  for (const key of keys) {
    const x = a.get(key);
    const y = b.get(key);
    if (!x) out.push({ key, status: 'added', changes: [] });
    else if (!y) out.push({ key, status: 'removed', changes: [] });
    else {
      const changes = diffValues(x, y, '', ignore);
      if (changes.length > 0) out.push({ key, status: 'changed', changes });
    }
  }
  return out;
}

/** Builds an ignore predicate from `--ignore` paths (`metadata.labels`, `spec.template.spec.containers`). */
export function ignorePaths(paths: readonly string[]): (path: string) => boolean {
  return (p) => paths.some((i) => p === i || p.startsWith(`${i}.`) || p.startsWith(`${i}[`));
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

/** The text `manifest diff` prints: one block per differing object, one line per changed field. */
export function formatDiffText(diffs: readonly ObjectDiff[], names: { a: string; b: string }): string {
  const lines: string[] = [];
  for (const d of diffs) {
    if (d.status === 'added') lines.push(`+ ${d.key} (only in ${names.b})`);
    else if (d.status === 'removed') lines.push(`- ${d.key} (only in ${names.a})`);
    else {
      lines.push(`~ ${d.key}`);
      for (const c of d.changes) {
        if (!('before' in c)) lines.push(`    + ${c.path}: ${show(c.after)}`);
        else if (!('after' in c)) lines.push(`    - ${c.path}: ${show(c.before)}`);
        else lines.push(`    ~ ${c.path}: ${show(c.before)} -> ${show(c.after)}`);
      }
    }
  }
  return lines.map((l) => `${l}\n`).join('');
}
