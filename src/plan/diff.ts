/**
 * Live vs desired, field by field, comparing only what sailctl sets: fields the server or controllers add
 * (defaults, status, managedFields, resourceVersion, webhook caBundles istiod injects) never show up.
 * Fields sailctl set on an earlier apply and no longer sets (read from its managedFields entry) are reported
 * as removals, because server-side apply removes them. Pure.
 */
import type { KubeObject } from '../kube/types.js';
import type { FieldChange } from '../manifest/diff.js';

export type { FieldChange } from '../manifest/diff.js';

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Fields nobody should diff: written by the server or by controllers. */
function ignored(path: string): boolean {
  return (
    path === 'status' ||
    path === 'metadata.managedFields' ||
    /^metadata\.(resourceVersion|uid|generation|creationTimestamp|selfLink)$/.test(path) ||
    /(^|\.)caBundle$/.test(path)
  );
}

const QUANTITY_SUFFIX: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** A Kubernetes resource quantity (`2`, `2000m`, `1Gi`, `1e3`) as a number, or undefined. */
export function parseQuantity(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?)$/.exec(v.trim());
  if (!m) return undefined;
  const base = Number(`${m[1] ?? ''}${m[2] ?? ''}`);
  return base * (QUANTITY_SUFFIX[m[3] ?? ''] ?? 1);
}

/** Paths whose values are resource quantities, which the API server stores in canonical form (2000m -> 2). */
const QUANTITY_PATH = /(^|\.)(resources\.(limits|requests)|overhead)\.[^.]+$/;

function sameScalar(a: unknown, b: unknown, path: string): boolean {
  if (a === b) return true;
  if (QUANTITY_PATH.test(path)) {
    const [x, y] = [parseQuantity(a), parseQuantity(b)];
    return x !== undefined && y !== undefined && Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y), 1);
  }
  // YAML `"80"` vs 80 in int-or-string fields: the server keeps what was sent, so this is a real change.
  return false;
}

/**
 * Zero values ("", false, 0, [] and {}) that the API server drops from built-in types (Go's omitempty), so a
 * live object lacking them is not a change.
 */
function isZeroValue(v: unknown): boolean {
  return v === null || v === '' || v === false || v === 0 || (Array.isArray(v) && v.length === 0) || (isTree(v) && Object.keys(v).length === 0);
}

function named(list: readonly unknown[]): boolean {
  const names = list.map((i) => (isTree(i) && typeof i.name === 'string' ? i.name : undefined));
  return list.length > 0 && names.every((n) => n !== undefined) && new Set(names).size === names.length;
}

/** Differences where `desired` sets a field to something else than `live` has (or `live` lacks it). */
function subsetDiff(desired: unknown, live: unknown, path: string): FieldChange[] {
  if (ignored(path)) return [];
  if (isTree(desired)) {
    if (!isTree(live)) return [{ path, ...(live === undefined ? {} : { before: live }), after: desired }];
    return Object.keys(desired)
      .sort()
      .flatMap((k) => {
        const p = join(path, k);
        if (ignored(p)) return [];
        if (!(k in live)) return isZeroValue(desired[k]) ? [] : [{ path: p, after: desired[k] }];
        return subsetDiff(desired[k], live[k], p);
      });
  }
  if (Array.isArray(desired)) {
    if (!Array.isArray(live)) return [{ path, ...(live === undefined ? {} : { before: live }), after: desired }];
    if (named(desired) && live.every((i) => isTree(i) && typeof i.name === 'string')) {
      const byName = new Map(live.map((i) => [(i as { name: string }).name, i]));
      const out: FieldChange[] = [];
      for (const item of desired as Tree[]) {
        const p = `${path}[name=${String(item.name)}]`;
        const match = byName.get(item.name as string);
        if (match === undefined) out.push({ path: p, after: item });
        else out.push(...subsetDiff(item, match, p));
      }
      const wanted = new Set((desired as Tree[]).map((i) => i.name));
      for (const item of live as Tree[]) if (!wanted.has(item.name)) out.push({ path: `${path}[name=${String(item.name)}]`, before: item });
      const order = (l: readonly unknown[]) => l.map((i) => (i as Tree).name).filter((n) => wanted.has(n)).join('\0');
      if (out.length === 0 && order(live) !== order(desired)) out.push({ path, before: live.map((i) => (i as Tree).name), after: desired.map((i) => (i as Tree).name) });
      return out;
    }
    if (desired.length !== live.length) return [{ path, before: live, after: desired }];
    return desired.flatMap((item, i) => subsetDiff(item, live[i], `${path}[${i}]`));
  }
  return sameScalar(desired, live, path) ? [] : [{ path, ...(live === undefined ? {} : { before: live }), after: desired }];
}

interface ManagedEntry {
  manager?: string;
  operation?: string;
  fieldsV1?: Tree;
}

/** Does a list item match a `k:{...}` key of managedFields? */
function matchesKey(item: unknown, key: Tree): boolean {
  return isTree(item) && Object.entries(key).every(([k, v]) => JSON.stringify(item[k]) === JSON.stringify(v));
}

/** Fields listed in `fields` (a fieldsV1 tree) that `desired` no longer has, with their live values. */
function removedFields(fields: Tree, desired: unknown, live: unknown, path: string): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [key, sub] of Object.entries(fields)) {
    if (key === '.') continue;
    if (key.startsWith('f:')) {
      const name = key.slice(2);
      const p = join(path, name);
      if (ignored(p)) continue;
      const liveValue = isTree(live) ? live[name] : undefined;
      if (liveValue === undefined) continue;
      if (!isTree(desired) || !(name in desired)) out.push({ path: p, before: liveValue });
      else if (isTree(sub)) out.push(...removedFields(sub, desired[name], liveValue, p));
    } else if (key.startsWith('k:')) {
      let k: Tree;
      try {
        k = JSON.parse(key.slice(2)) as Tree;
      } catch {
        continue;
      }
      const label = Object.entries(k).map(([a, b]) => `${a}=${String(b)}`).join(',');
      const p = `${path}[${label}]`;
      const liveItem = Array.isArray(live) ? live.find((i) => matchesKey(i, k)) : undefined;
      if (liveItem === undefined) continue;
      const desiredItem = Array.isArray(desired) ? desired.find((i) => matchesKey(i, k)) : undefined;
      if (desiredItem === undefined) out.push({ path: p, before: liveItem });
      else if (isTree(sub)) out.push(...removedFields(sub, desiredItem, liveItem, p));
    } else if (key.startsWith('v:')) {
      let v: unknown;
      try {
        v = JSON.parse(key.slice(2));
      } catch {
        continue;
      }
      const inLive = Array.isArray(live) && live.some((i) => JSON.stringify(i) === JSON.stringify(v));
      const inDesired = Array.isArray(desired) && desired.some((i) => JSON.stringify(i) === JSON.stringify(v));
      if (inLive && !inDesired) out.push({ path: `${path}[${JSON.stringify(v)}]`, before: v });
    }
  }
  return out;
}

/**
 * What applying `desired` over `live` would change, in stable path order. `fieldManager` names whose
 * managedFields entry tells which fields we set before (and would now remove).
 */
export function diffObject(desired: KubeObject, live: KubeObject, fieldManager = 'sailctl'): FieldChange[] {
  const { status: _s, ...wanted } = desired;
  const changes = subsetDiff(wanted, live, '');
  const managed = (live.metadata.managedFields ?? []) as ManagedEntry[];
  const ours = managed.find((m) => m.manager === fieldManager && m.operation === 'Apply' && isTree(m.fieldsV1));
  if (ours?.fieldsV1) {
    const seen = new Set(changes.map((c) => c.path));
    for (const r of removedFields(ours.fieldsV1, wanted, live, '')) if (!seen.has(r.path)) changes.push(r);
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
