/**
 * Server-side apply and field ownership: merges an applied configuration into the live object, detects
 * conflicts with other managers (409 unless `force`), removes fields the applier stopped specifying when no one
 * else owns them, and keeps `metadata.managedFields` (operation Apply/Update, fieldsV1) up to date for every write.
 */
import type { KubeObject } from '../../../src/kube/types.js';
import { deepEqual, describePath, exists, fieldsOf, fromFieldsV1, removeAt, sameValue, SEP, statusFieldsOf, toFieldsV1, type FieldPath } from './fields.js';
import { mergeKeyFor } from './patch.js';
import type { StatusCause } from './status.js';
import { clone } from './store.js';

type Json = unknown;
type Obj = Record<string, Json>;
const isObj = (v: Json): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface ManagedEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Obj;
  subresource?: string;
}

interface Owned {
  entry: ManagedEntry;
  fields: Set<FieldPath>;
}

function readManaged(object: KubeObject): Owned[] {
  const list = (object.metadata.managedFields ?? []) as ManagedEntry[];
  return list.map((entry) => ({ entry, fields: fromFieldsV1(entry.fieldsV1) }));
}

function writeManaged(object: KubeObject, owned: Owned[]): void {
  const entries = owned
    .filter((o) => o.fields.size > 0)
    .map((o) => ({ ...o.entry, fieldsV1: toFieldsV1(o.fields) }));
  if (entries.length > 0) object.metadata.managedFields = entries;
  else delete object.metadata.managedFields;
}

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sameManager(e: ManagedEntry, manager: string, operation: string, subresource?: string): boolean {
  return e.manager === manager && e.operation === operation && (e.subresource ?? '') === (subresource ?? '');
}

/** Deep merge for apply: maps recurse, associative lists merge by key, everything else is replaced. */
export function applyMerge(live: Json, applied: Json, field = ''): Json {
  if (Array.isArray(applied)) {
    const key = mergeKeyFor(field, [...(Array.isArray(live) ? live : []), ...applied]);
    if (!key || !Array.isArray(live) || !applied.every(isObj)) return clone(applied);
    const out = live.map((i) => clone(i)) as Obj[];
    for (const item of applied as Obj[]) {
      const i = out.findIndex((o) => isObj(o) && deepEqual(o[key], item[key]));
      if (i >= 0) out[i] = applyMerge(out[i], item) as Obj;
      else out.push(clone(item));
    }
    return out;
  }
  if (!isObj(applied)) return clone(applied);
  const out: Obj = isObj(live) ? { ...live } : {};
  for (const [k, v] of Object.entries(applied)) out[k] = applyMerge(out[k], v, k);
  return out;
}

export interface ApplyResult {
  object?: KubeObject;
  conflicts?: StatusCause[];
}

/**
 * Applies `applied` for `manager` onto `live` (undefined = create). Identity fields and status come from
 * `live` (status is applied only on the status subresource, which the caller handles).
 */
export function serverSideApply(live: KubeObject | undefined, applied: KubeObject, manager: string, force: boolean): ApplyResult {
  const appliedFields = fieldsOf(applied as Obj);
  const base: KubeObject = live ? clone(live) : { apiVersion: applied.apiVersion, kind: applied.kind, metadata: {} };
  const owned = readManaged(base);
  const mine = owned.find((o) => sameManager(o.entry, manager, 'Apply'));
  const others = owned.filter((o) => o !== mine && !o.entry.subresource);

  const conflicts: StatusCause[] = [];
  const stolen: Array<[Owned, FieldPath]> = [];
  for (const p of appliedFields) {
    for (const o of others) {
      if (!o.fields.has(p)) continue;
      if (sameValue(base, applied, p)) continue;
      stolen.push([o, p]);
      conflicts.push({ type: 'FieldManagerConflict', message: `conflict with "${o.entry.manager}" using ${o.entry.apiVersion}`, field: describePath(p) });
    }
  }
  if (conflicts.length > 0 && !force) return { conflicts };

  const { metadata: appliedMeta, status: _status, ...appliedBody } = applied as Obj & { metadata: Obj };
  const merged = applyMerge(base, appliedBody) as KubeObject;
  merged.metadata = base.metadata;
  for (const mk of ['labels', 'annotations', 'finalizers', 'ownerReferences']) {
    if (appliedMeta?.[mk] !== undefined) (merged.metadata as Obj)[mk] = applyMerge((merged.metadata as Obj)[mk], appliedMeta[mk], mk);
  }
  if (live === undefined) merged.metadata = { ...(appliedMeta as Obj), ...merged.metadata };

  // Fields the manager applied before and dropped now: remove them unless someone else owns them.
  const dropped = [...(mine?.fields ?? [])].filter((p) => !appliedFields.has(p) && !others.some((o) => o.fields.has(p)));
  dropped.sort((a, b) => b.split(SEP).length - a.split(SEP).length);
  for (const p of dropped) removeAt(merged, p);

  for (const [o, p] of stolen) o.fields.delete(p);
  // As the API server does, a re-apply of the same fields keeps the entry's time: a no-op apply changes nothing.
  const sameFields = mine !== undefined && mine.fields.size === appliedFields.size && [...appliedFields].every((p) => mine.fields.has(p));
  const entry: ManagedEntry = { manager, operation: 'Apply', apiVersion: applied.apiVersion, time: sameFields ? mine.entry.time : now(), fieldsType: 'FieldsV1', fieldsV1: {} };
  const next = owned.filter((o) => o !== mine);
  next.push({ entry, fields: appliedFields });
  for (const o of next) for (const p of [...o.fields]) if (!exists(merged, p)) o.fields.delete(p);
  writeManaged(merged, next);
  return { object: merged };
}

/**
 * Records an Update by `manager`: it takes the fields whose values changed between `before` and `after`
 * (all set fields on create); fields that no longer exist leave every entry.
 */
export function recordUpdate(before: KubeObject | undefined, after: KubeObject, manager: string, subresource?: string): void {
  const owned = readManaged(before ?? after);
  const candidate = subresource === 'status' ? statusFieldsOf(after as Obj) : fieldsOf(after as Obj);
  const changed = [...candidate].filter((p) => !before || !sameValue(before, after, p));
  let mine = owned.find((o) => sameManager(o.entry, manager, 'Update', subresource));
  if (changed.length > 0) {
    for (const o of owned) if (o !== mine) for (const p of changed) o.fields.delete(p);
    if (!mine) {
      mine = {
        entry: { manager, operation: 'Update', apiVersion: after.apiVersion, time: now(), fieldsType: 'FieldsV1', fieldsV1: {}, ...(subresource ? { subresource } : {}) },
        fields: new Set(),
      };
      owned.push(mine);
    }
    mine.entry.time = now();
    for (const p of changed) mine.fields.add(p);
  }
  for (const o of owned) for (const p of [...o.fields]) if (!exists(after, p)) o.fields.delete(p);
  writeManaged(after, owned);
}
