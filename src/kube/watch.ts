/**
 * Watch as a loop that survives the API server: stream JSON lines from a resourceVersion; when the server
 * says that version is too old (410 Gone / Expired) or the stream ends, list again, emit the differences
 * from what was seen as ADDED/MODIFIED/DELETED, and go on from the new list's resourceVersion.
 */
import type { IncomingMessage } from 'node:http';
import { KubeApiError, KubeUnreachableError } from './errors.js';
import { apiError, type RequestIntent } from './error-mapping.js';
import { backoffDelay, RETRYABLE_STATUS, sleep, type RetryPolicy } from './retry.js';
import type { Transport } from './transport.js';
import type { KubeObject, ListResult, WatchEvent, WatchOptions } from './types.js';

export interface WatchDeps {
  transport: Transport;
  /** Collection path without query. */
  path: string;
  apiVersion: string;
  kind: string;
  intent: RequestIntent;
  list: () => Promise<ListResult>;
  retry: RetryPolicy;
  random?: () => number;
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

/** Synthetic events that take a watcher from `seen` to `current`. */
export function diffEvents(seen: ReadonlyMap<string, KubeObject>, current: readonly KubeObject[]): WatchEvent[] {
  const events: WatchEvent[] = [];
  const now = new Set<string>();
  for (const object of current) {
    const key = keyOf(object);
    now.add(key);
    const before = seen.get(key);
    if (!before) events.push({ type: 'ADDED', object });
    else if (before.metadata.resourceVersion !== object.metadata.resourceVersion) events.push({ type: 'MODIFIED', object });
  }
  for (const [key, object] of seen) if (!now.has(key)) events.push({ type: 'DELETED', object });
  return events;
}

type StreamEnd = 'expired' | 'ended';

function consume(stream: IncomingMessage, onObject: (type: string, object: Record<string, unknown>) => StreamEnd | undefined): Promise<StreamEnd> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let done = false;
    const finish = (end: StreamEnd) => {
      if (done) return;
      done = true;
      resolve(end);
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      if (done) return;
      buffer += chunk;
      let nl: number;
      while (!done && (nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (!line) continue;
        try {
          const event = JSON.parse(line) as { type?: string; object?: Record<string, unknown> };
          const end = onObject(event.type ?? '', event.object ?? {});
          if (end) {
            finish(end);
            stream.destroy();
          }
        } catch (err) {
          done = true;
          stream.destroy();
          reject(err);
        }
      }
    });
    stream.on('end', () => finish('ended'));
    stream.on('close', () => finish('ended'));
    stream.on('error', () => finish('ended'));
  });
}

function watchQuery(options: WatchOptions, resourceVersion: string): string {
  const q = new URLSearchParams({ watch: '1', allowWatchBookmarks: 'true', resourceVersion });
  if (options.labelSelector) q.set('labelSelector', options.labelSelector);
  if (options.fieldSelector) q.set('fieldSelector', options.fieldSelector);
  return q.toString();
}

export async function runWatch<T extends KubeObject>(deps: WatchDeps, options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): Promise<void> {
  const { signal } = options;
  const random = deps.random ?? Math.random;
  const seen = new Map<string, KubeObject>();
  const emit = (event: WatchEvent) => {
    if (event.type === 'DELETED') seen.delete(keyOf(event.object));
    else seen.set(keyOf(event.object), event.object);
    onEvent(event as WatchEvent<T>);
  };
  const relist = async (): Promise<string> => {
    const current = await deps.list();
    for (const event of diffEvents(seen, current.items)) emit(event);
    return current.resourceVersion;
  };

  let resourceVersion = options.resourceVersion ?? (await relist());
  let failures = 0;
  /** Streams that ended at once without an event: backed off, so a server closing them cannot spin us. */
  let idleEnds = 0;
  while (!signal.aborted) {
    let end: StreamEnd = 'ended';
    const opened = Date.now();
    let received = 0;
    let failed = false;
    try {
      const res = await deps.transport.openStream({ method: 'GET', path: `${deps.path}?${watchQuery(options, resourceVersion)}`, idempotent: true }, signal);
      if (res.status === 410) end = 'expired';
      else if (!res.stream) {
        const error = apiError(res.status, res.body ?? '', deps.intent, deps.transport.endpoint);
        if (!RETRYABLE_STATUS.has(res.status)) throw error;
        throw new KubeUnreachableError(error.message, deps.transport.endpoint.server, { cause: error });
      } else {
        end = await consume(res.stream, (type, raw) => {
          if (type === 'ERROR') {
            const code = Number(raw.code);
            if (code === 410 || raw.reason === 'Expired' || raw.reason === 'Gone') return 'expired';
            throw apiError(code || 500, JSON.stringify(raw), deps.intent, deps.transport.endpoint);
          }
          const object = { apiVersion: deps.apiVersion, kind: deps.kind, ...raw } as KubeObject;
          const rv = object.metadata?.resourceVersion;
          if (rv) resourceVersion = rv;
          failures = 0;
          received++;
          if (type === 'BOOKMARK') return undefined;
          if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') emit({ type, object });
          return undefined;
        });
      }
    } catch (err) {
      if (signal.aborted) return;
      if (err instanceof KubeApiError || !(err instanceof KubeUnreachableError)) throw err;
      failures++;
      failed = true;
      if (failures >= deps.retry.attempts) throw err;
      try {
        await sleep(backoffDelay(deps.retry, failures - 1, random), signal);
      } catch {
        return;
      }
    }
    if (signal.aborted) return;
    if (!failed && end === 'ended' && received === 0 && Date.now() - opened < 1_000) {
      idleEnds++;
      try {
        await sleep(backoffDelay(deps.retry, Math.min(idleEnds, 8) - 1, random), signal);
      } catch {
        return;
      }
    } else idleEnds = 0;
    resourceVersion = await relist();
  }
}
