/**
 * Watch streams: newline-delimited JSON events for one resource, filtered by namespace and selectors (objects
 * that stop matching arrive as DELETED, that start matching as ADDED). Starts with the current objects as
 * ADDED when no resourceVersion (or "0") is given, replays history after a given version, or answers an ERROR
 * event with a 410 Expired Status when that version is older than the kept history. Optional BOOKMARKs.
 */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../../../src/kube/types.js';
import { groupVersion, type ResourceType } from './kinds.js';
import type { Predicate } from './selectors.js';
import { ApiError } from './status.js';
import { clone, resourceKey, type ObjectStore, type StoreEvent } from './store.js';

export interface WatchRequest {
  type: ResourceType;
  namespace?: string;
  match: Predicate;
  resourceVersion?: string;
  timeoutSeconds?: number;
  bookmarks: boolean;
  sendInitialEvents?: boolean;
}

export interface WatchHandle {
  stop(): void;
}

export function startWatch(store: ObjectStore, res: ServerResponse, w: WatchRequest, onEnd: () => void): WatchHandle {
  const key = resourceKey(w.type);
  const present = (o: KubeObject): KubeObject => ({ ...clone(o), apiVersion: groupVersion(w.type), kind: w.type.kind });
  const inScope = (o: KubeObject): boolean => !w.type.namespaced || w.namespace === undefined || o.metadata.namespace === w.namespace;
  const matches = (o: KubeObject | undefined): boolean => o !== undefined && inScope(o) && w.match(o);

  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  let open = true;
  const send = (type: string, object: unknown): void => {
    if (open) res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const sendEvent = (e: StoreEvent): void => {
    const now = matches(e.object);
    if (e.type === 'MODIFIED') {
      const before = matches(e.previous);
      if (now && before) send('MODIFIED', present(e.object));
      else if (now) send('ADDED', present(e.object));
      else if (before) send('DELETED', present(e.object));
      return;
    }
    if (now) send(e.type, present(e.object));
  };
  const bookmark = (): void => {
    if (w.bookmarks) send('BOOKMARK', { kind: w.type.kind, apiVersion: groupVersion(w.type), metadata: { resourceVersion: String(store.currentRv()) } });
  };

  const rv = w.resourceVersion;
  if (rv && rv !== '0' && (!/^\d+$/.test(rv) || Number(rv) < store.oldestRv)) {
    const expired = new ApiError(410, 'Expired', `too old resource version: ${rv} (${store.oldestRv})`);
    send('ERROR', expired.body());
    res.end();
    open = false;
    onEnd();
    return { stop: () => {} };
  }
  if (!rv || rv === '0' || w.sendInitialEvents) {
    for (const o of store.list(key)) if (matches(o)) send('ADDED', present(o));
    if (w.bookmarks) {
      send('BOOKMARK', {
        kind: w.type.kind,
        apiVersion: groupVersion(w.type),
        metadata: { resourceVersion: String(store.currentRv()), annotations: { 'k8s.io/initial-events-end': 'true' } },
      });
    }
  } else {
    for (const e of store.since(key, Number(rv))) sendEvent(e);
  }
  const unsubscribe = store.subscribe((e) => {
    if (e.resource === key) sendEvent(e);
  });
  const ticker = w.bookmarks ? setInterval(bookmark, 1000) : undefined;
  const timer = w.timeoutSeconds ? setTimeout(() => stop(), w.timeoutSeconds * 1000) : undefined;
  const stop = (): void => {
    if (!open) return;
    open = false;
    unsubscribe();
    if (ticker) clearInterval(ticker);
    if (timer) clearTimeout(timer);
    res.end();
    onEnd();
  };
  res.on('close', stop);
  return { stop };
}
