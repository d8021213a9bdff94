/**
 * The object store: objects by resource and key, a global resourceVersion counter, and the event history
 * watches replay from. `expireWatchHistory()` moves the oldest replayable version forward (410 Gone before it).
 */
import type { KubeObject } from '../../../src/kube/types.js';
import type { ResourceType } from './kinds.js';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  rv: number;
  type: EventType;
  /** `group/plural` — all versions of a resource share it. */
  resource: string;
  object: KubeObject;
  /** The object before the change (MODIFIED), to compute selector transitions. */
  previous?: KubeObject;
}

export type StoreListener = (event: StoreEvent) => void;

export function resourceKey(t: Pick<ResourceType, 'group' | 'plural'>): string {
  return `${t.group}/${t.plural}`;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

const HISTORY_LIMIT = 20_000;

export class ObjectStore {
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<StoreListener>();
  private rv = 1;
  /** Versions strictly below this cannot be watched from. */
  oldestRv = 1;

  currentRv(): number {
    return this.rv;
  }

  private bucket(resource: string): Map<string, KubeObject> {
    let b = this.objects.get(resource);
    if (!b) this.objects.set(resource, (b = new Map()));
    return b;
  }

  static key(namespace: string | undefined, name: string): string {
    return `${namespace ?? ''}/${name}`;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const o = this.objects.get(resource)?.get(ObjectStore.key(namespace, name));
    return o ? clone(o) : undefined;
  }

  /** Objects sorted by namespace then name; `namespace` undefined = all. Returns the live objects (read-only use). */
  list(resource: string, namespace?: string): KubeObject[] {
    const b = this.objects.get(resource);
    if (!b) return [];
    const keys = [...b.keys()].sort();
    const out: KubeObject[] = [];
    for (const k of keys) {
      const o = b.get(k) as KubeObject;
      if (namespace === undefined || o.metadata.namespace === namespace) out.push(o);
    }
    return out;
  }

  /** Stores `object` (stamping a new resourceVersion) and records the event. Returns the stored copy. */
  put(resource: string, object: KubeObject): KubeObject {
    const b = this.bucket(resource);
    const key = ObjectStore.key(object.metadata.namespace, object.metadata.name ?? '');
    const previous = b.get(key);
    const stored = clone(object);
    stored.metadata.resourceVersion = String(++this.rv);
    b.set(key, stored);
    this.emit({ rv: this.rv, type: previous ? 'MODIFIED' : 'ADDED', resource, object: stored, ...(previous ? { previous } : {}) });
    return clone(stored);
  }

  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const b = this.objects.get(resource);
    const key = ObjectStore.key(namespace, name);
    const previous = b?.get(key);
    if (!b || !previous) return undefined;
    b.delete(key);
    const gone = clone(previous);
    gone.metadata.resourceVersion = String(++this.rv);
    this.emit({ rv: this.rv, type: 'DELETED', resource, object: gone });
    return clone(gone);
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > HISTORY_LIMIT) {
      const dropped = this.history.splice(0, this.history.length - HISTORY_LIMIT);
      this.oldestRv = (dropped[dropped.length - 1] as StoreEvent).rv;
    }
    for (const l of [...this.listeners]) l(event);
  }

  /** Events after `rv` for a resource. */
  since(resource: string, rv: number): StoreEvent[] {
    return this.history.filter((e) => e.rv > rv && e.resource === resource);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  expireHistory(): void {
    this.history.length = 0;
    this.oldestRv = ++this.rv;
  }
}
