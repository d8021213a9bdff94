/**
 * Object semantics behind the REST verbs: create, get, list, update, patch, apply, delete — namespaces must
 * exist, names are validated, resourceVersion preconditions, generation bumps, status kept apart for kinds
 * with a status subresource, managedFields, dryRun, finalizers, garbage collection of dependents, namespace
 * termination and CRD registration. Used by the HTTP layer and by the simulated controllers.
 */
import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../../../src/kube/types.js';
import { recordUpdate, serverSideApply } from './apply.js';
import { deepEqual } from './fields.js';
import { groupVersion, type KindRegistry, type ResourceType } from './kinds.js';
import { validateCustomResource } from './schema.js';
import { alreadyExists, ApiError, badRequest, conflict, invalid, notFound, type StatusCause } from './status.js';
import { clone, ObjectStore, resourceKey } from './store.js';
import { applyDefaults, builtinCauses, nameCauses } from './validation.js';

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  force?: boolean;
  /** Strict | Warn | Ignore (default Warn). */
  fieldValidation?: string;
  subresource?: string;
  /** Warnings to return in `Warning` headers. */
  warnings?: string[];
}

export interface DeleteOpts {
  dryRun?: boolean;
  propagationPolicy?: string;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

const NAMESPACE_TYPE = { group: '', plural: 'namespaces', kind: 'Namespace' };

export class ObjectApi {
  private generated = 0;
  private ips = 0;
  /** Called after a CRD is written or removed (registration is done by the server). */
  onCrdChange: (crd: KubeObject, deleted: boolean) => void = () => {};
  /** Called when a namespace starts terminating. */
  onNamespaceTerminating: (name: string) => void = () => {};

  constructor(readonly store: ObjectStore, readonly kinds: KindRegistry) {}

  private hasStatus(t: ResourceType): boolean {
    return t.subresources.includes('status');
  }

  private suffix(): string {
    let n = ++this.generated * 7919;
    let out = '';
    for (let i = 0; i < 5; i++) {
      out += ALPHANUMS[n % ALPHANUMS.length];
      n = Math.floor(n / ALPHANUMS.length) + i * 31;
    }
    return out;
  }

  private clusterIp(): string {
    this.ips++;
    return `10.96.${Math.floor(this.ips / 250)}.${(this.ips % 250) + 2}`;
  }

  /** Returns the object as the given version of its type serves it. */
  private present(t: ResourceType, o: KubeObject): KubeObject {
    o.apiVersion = groupVersion(t);
    o.kind = t.kind;
    return o;
  }

  requireNamespace(t: ResourceType, namespace: string | undefined, creating: boolean): void {
    if (!t.namespaced) return;
    const ns = this.store.get('/namespaces', undefined, namespace ?? '');
    if (!ns) throw notFound(NAMESPACE_TYPE as ResourceType, namespace ?? '');
    if (creating && (ns.status as { phase?: string } | undefined)?.phase === 'Terminating') {
      throw new ApiError(403, 'Forbidden', `${t.plural}${t.group ? `.${t.group}` : ''} "" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`, {
        group: t.group,
        kind: t.plural,
        causes: [{ type: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }],
      });
    }
  }

  get(t: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const o = this.store.get(resourceKey(t), t.namespaced ? namespace : undefined, name);
    if (!o) throw notFound(t, name);
    return this.present(t, o);
  }

  find(t: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const o = this.store.get(resourceKey(t), t.namespaced ? namespace : undefined, name);
    return o ? this.present(t, o) : undefined;
  }

  list(t: ResourceType, namespace?: string): KubeObject[] {
    return this.store.list(resourceKey(t), t.namespaced ? namespace : undefined).map((o) => this.present(t, clone(o)));
  }

  /** Checks the body against its type: kind/apiVersion, namespace, validation, schema (pruning unknown fields). */
  private validate(t: ResourceType, o: KubeObject, opts: WriteOptions, extra: StatusCause[] = []): void {
    const causes = [...extra];
    if (t.custom) {
      const version = this.kinds.byResource(t.group, t.version, t.plural) ?? t;
      const result = validateCustomResource(version.schema, o as Record<string, unknown>);
      causes.push(...result.causes);
      if (result.pruned.length > 0) {
        if (opts.fieldValidation === 'Strict') {
          throw badRequest(`strict decoding error: ${result.pruned.map((p) => `unknown field "${p}"`).join(', ')}`);
        }
        if (opts.fieldValidation !== 'Ignore') opts.warnings?.push(...result.pruned.map((p) => `unknown field "${p}"`));
      }
    } else causes.push(...builtinCauses(t, o));
    if (causes.length > 0) throw invalid(t, o.metadata.name ?? '', causes);
  }

  private checkBody(t: ResourceType, body: unknown, namespace: string | undefined): KubeObject {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body of the request was not a JSON object');
    const o = clone(body) as KubeObject;
    const gv = groupVersion(t);
    if (o.kind !== undefined && o.kind !== t.kind) throw badRequest(`the API version in the data (${String(o.apiVersion)}) does not match the expected API version (${gv})`);
    if (o.apiVersion !== undefined && o.apiVersion !== gv) throw badRequest(`the API version in the data (${String(o.apiVersion)}) does not match the expected API version (${gv})`);
    o.apiVersion = gv;
    o.kind = t.kind;
    o.metadata = { ...(o.metadata ?? {}) };
    if (t.namespaced) {
      if (o.metadata.namespace && namespace && o.metadata.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      o.metadata.namespace = namespace ?? o.metadata.namespace;
    } else delete o.metadata.namespace;
    return o;
  }

  create(t: ResourceType, namespace: string | undefined, body: unknown, opts: WriteOptions = {}): KubeObject {
    const o = this.checkBody(t, body, namespace);
    if (!o.metadata.name && typeof o.metadata.generateName === 'string' && o.metadata.generateName) {
      o.metadata.name = `${o.metadata.generateName}${this.suffix()}`;
    }
    const causes = nameCauses(t, o.metadata.name, undefined);
    if (causes.length > 0) throw invalid(t, o.metadata.name ?? '', causes);
    this.requireNamespace(t, o.metadata.namespace, true);
    if (this.store.get(resourceKey(t), o.metadata.namespace, o.metadata.name as string)) throw alreadyExists(t, o.metadata.name as string);
    if (o.metadata.resourceVersion) throw badRequest('resourceVersion should not be set on objects to be created');
    return this.insert(t, o, opts, true);
  }

  /** Stores a new object (validated; status reset for kinds with a status subresource unless `keepStatus`). */
  insert(t: ResourceType, o: KubeObject, opts: WriteOptions, resetStatus: boolean, keepManaged = false): KubeObject {
    if (resetStatus && this.hasStatus(t)) delete o.status;
    applyDefaults(t, o, () => this.clusterIp());
    if (t.kind === 'Namespace' && t.group === '') o.status = { phase: 'Active' };
    if (t.kind === 'Pod' && t.group === '' && !o.status) o.status = { phase: 'Pending', qosClass: 'BestEffort' };
    this.validate(t, o, opts);
    o.metadata.uid = randomUUID();
    o.metadata.creationTimestamp = timestamp();
    o.metadata.generation = 1;
    delete o.metadata.deletionTimestamp;
    if (keepManaged) {
      for (const e of (o.metadata.managedFields ?? []) as Array<{ time?: string }>) e.time = o.metadata.creationTimestamp;
    } else recordUpdate(undefined, o, opts.fieldManager ?? 'unknown');
    if (opts.dryRun) return this.present(t, o);
    const stored = this.present(t, this.store.put(resourceKey(t), o));
    if (t.kind === 'CustomResourceDefinition') this.onCrdChange(stored, false);
    return stored;
  }

  private specChanged(a: KubeObject, b: KubeObject): boolean {
    const strip = (o: KubeObject): Record<string, unknown> => {
      const { metadata: _m, status: _s, ...rest } = o;
      return rest;
    };
    return !deepEqual(strip(a), strip(b));
  }

  /** Writes `next` over `existing` (which it must be a version of), applying subresource rules. */
  private replace(t: ResourceType, existing: KubeObject, next: KubeObject, opts: WriteOptions, manager?: string): KubeObject {
    const o = clone(next);
    o.apiVersion = existing.apiVersion;
    o.kind = existing.kind;
    const meta = existing.metadata;
    if (o.metadata.name !== undefined && o.metadata.name !== meta.name) {
      throw badRequest(`the name of the object (${String(o.metadata.name)}) does not match the name on the URL (${meta.name})`);
    }
    if (opts.subresource === 'status') {
      const status = o.status;
      Object.assign(o, clone(existing));
      o.metadata = clone(existing.metadata);
      if (status === undefined) delete o.status;
      else o.status = status;
    } else {
      if (this.hasStatus(t)) {
        if (existing.status === undefined) delete o.status;
        else o.status = clone(existing.status);
      }
      o.metadata = {
        ...o.metadata,
        name: meta.name,
        uid: meta.uid,
        creationTimestamp: meta.creationTimestamp,
        generation: meta.generation,
        ...(meta.deletionTimestamp ? { deletionTimestamp: meta.deletionTimestamp } : {}),
      };
      if (t.namespaced) o.metadata.namespace = meta.namespace;
      else delete o.metadata.namespace;
      if (t.kind === 'Namespace' && t.group === '') o.status = clone(existing.status);
      this.validate(t, o, opts);
      if (this.specChanged(existing, o)) o.metadata.generation = (meta.generation ?? 1) + 1;
    }
    o.metadata.resourceVersion = meta.resourceVersion;
    if (manager !== undefined) recordUpdate(existing, o, manager, opts.subresource);
    if (deepEqual(o, existing)) return this.present(t, existing);
    if (opts.dryRun) return this.present(t, o);
    if (o.metadata.deletionTimestamp && !(o.metadata.finalizers as string[] | undefined)?.length && t.kind !== 'Namespace') {
      return this.present(t, this.store.remove(resourceKey(t), meta.namespace, meta.name as string) as KubeObject);
    }
    const stored = this.present(t, this.store.put(resourceKey(t), o));
    if (t.kind === 'CustomResourceDefinition' && !opts.subresource) this.onCrdChange(stored, false);
    return stored;
  }

  update(t: ResourceType, namespace: string | undefined, name: string, body: unknown, opts: WriteOptions = {}): KubeObject {
    const o = this.checkBody(t, body, namespace);
    const existing = this.get(t, namespace, name);
    const rv = o.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== existing.metadata.resourceVersion) {
      throw conflict(t, name, 'the object has been modified; please apply your changes to the latest version and try again');
    }
    if (rv === undefined && !opts.subresource && t.custom) {
      throw invalid(t, name, [{ type: 'FieldValueInvalid', message: 'Invalid value: 0x0: must be specified for an update', field: 'metadata.resourceVersion' }]);
    }
    if (o.metadata.managedFields === undefined) o.metadata.managedFields = existing.metadata.managedFields;
    return this.replace(t, existing, o, opts, opts.fieldManager ?? 'unknown');
  }

  /** Applies a patch function to the current object. */
  patch(t: ResourceType, namespace: string | undefined, name: string, fn: (current: KubeObject) => unknown, opts: WriteOptions = {}): KubeObject {
    const existing = this.get(t, namespace, name);
    const patched = fn(clone(existing));
    const o = this.checkBody(t, patched, t.namespaced ? namespace : undefined);
    const rv = o.metadata.resourceVersion;
    if (rv !== undefined && rv !== existing.metadata.resourceVersion) {
      throw conflict(t, name, 'the object has been modified; please apply your changes to the latest version and try again');
    }
    return this.replace(t, existing, o, opts, opts.fieldManager ?? 'unknown');
  }

  /** Server-side apply. */
  apply(t: ResourceType, namespace: string | undefined, name: string, body: unknown, opts: WriteOptions): KubeObject {
    const applied = this.checkBody(t, body, namespace);
    if (applied.metadata.name !== undefined && applied.metadata.name !== name) {
      throw badRequest(`the name of the object (${String(applied.metadata.name)}) does not match the name on the URL (${name})`);
    }
    applied.metadata.name = name;
    const manager = opts.fieldManager as string;
    const live = this.find(t, namespace, name);
    if (opts.subresource === 'status' && live) {
      const next = clone(live);
      next.status = applied.status;
      return this.replace(t, live, next, opts, manager);
    }
    if (!live) {
      const causes = nameCauses(t, name);
      if (causes.length > 0) throw invalid(t, name, causes);
      this.requireNamespace(t, applied.metadata.namespace, true);
    }
    const result = serverSideApply(live, applied, manager, opts.force === true);
    if (result.conflicts) {
      const n = result.conflicts.length;
      const lines = result.conflicts.map((c) => `${c.message}: ${c.field}`);
      const message = n === 1 ? `Apply failed with 1 conflict: ${lines[0]}` : `Apply failed with ${n} conflicts: ${lines.join('\n')}`;
      throw new ApiError(409, 'Conflict', message, { causes: result.conflicts });
    }
    const next = result.object as KubeObject;
    if (!live) {
      next.metadata.name = name;
      if (t.namespaced) next.metadata.namespace = namespace;
      return this.insert(t, next, opts, true, true);
    }
    return this.replace(t, live, next, opts);
  }

  delete(t: ResourceType, namespace: string | undefined, name: string, opts: DeleteOpts = {}): KubeObject {
    const existing = this.get(t, namespace, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== existing.metadata.uid) {
      throw conflict(t, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${existing.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== existing.metadata.resourceVersion) {
      throw conflict(t, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${existing.metadata.resourceVersion}`);
    }
    if (t.kind === 'Namespace' && t.group === '') {
      const next = clone(existing);
      next.metadata.deletionTimestamp ??= timestamp();
      next.status = { ...(next.status as object), phase: 'Terminating' };
      if (opts.dryRun) return next;
      const stored = this.present(t, this.store.put(resourceKey(t), next));
      this.onNamespaceTerminating(name);
      return stored;
    }
    const finalizers = (existing.metadata.finalizers as string[] | undefined) ?? [];
    if (finalizers.length > 0) {
      if (existing.metadata.deletionTimestamp || opts.dryRun) return existing;
      const next = clone(existing);
      next.metadata.deletionTimestamp = timestamp();
      return this.present(t, this.store.put(resourceKey(t), next));
    }
    if (opts.dryRun) return existing;
    const policy = opts.propagationPolicy ?? 'Background';
    if (policy === 'Foreground') this.collectDependents(existing, 'Foreground');
    const gone = this.present(t, this.store.remove(resourceKey(t), existing.metadata.namespace, name) as KubeObject);
    if (t.kind === 'CustomResourceDefinition') this.onCrdChange(gone, true);
    if (policy === 'Background') setImmediate(() => this.collectDependents(existing, policy));
    if (policy === 'Orphan') this.collectDependents(existing, policy);
    return gone;
  }

  /** Garbage collection: deletes (or orphans) the objects whose ownerReferences point at `owner`. */
  collectDependents(owner: KubeObject, policy: string): void {
    const uid = owner.metadata.uid;
    for (const t of this.kinds.all()) {
      if (t.createOnly) continue;
      if (t.namespaced && !owner.metadata.namespace && owner.kind !== 'Namespace') {
        // cluster-scoped owners may own namespaced objects anywhere
      }
      for (const o of this.store.list(resourceKey(t))) {
        const refs = o.metadata.ownerReferences ?? [];
        if (!refs.some((r) => r.uid === uid)) continue;
        if (policy === 'Orphan') {
          const next = clone(o);
          next.metadata.ownerReferences = refs.filter((r) => r.uid !== uid);
          if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
          this.store.put(resourceKey(t), next);
        } else if (this.store.get(resourceKey(t), o.metadata.namespace, o.metadata.name ?? '')) {
          try {
            this.delete(t, o.metadata.namespace, o.metadata.name ?? '', { propagationPolicy: policy });
          } catch {
            // already gone
          }
        }
      }
    }
  }

  /**
   * Deletes everything in a terminating namespace, then the namespace itself. As in Kubernetes, an object with
   * finalizers is only marked deleted and holds the namespace (Terminating) until they are removed: returns
   * whether the namespace is gone.
   */
  finishNamespace(name: string): boolean {
    let held = false;
    for (const t of this.kinds.all()) {
      if (!t.namespaced || t.createOnly) continue;
      for (const o of [...this.store.list(resourceKey(t), name)]) {
        if ((o.metadata.finalizers as string[] | undefined)?.length) {
          held = true;
          if (!o.metadata.deletionTimestamp) {
            const next = clone(o);
            next.metadata.deletionTimestamp = timestamp();
            this.store.put(resourceKey(t), next);
          }
          continue;
        }
        this.store.remove(resourceKey(t), name, o.metadata.name ?? '');
      }
    }
    if (!held) this.store.remove('/namespaces', undefined, name);
    return !held;
  }
}
