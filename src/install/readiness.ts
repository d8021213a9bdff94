/**
 * Waiting until CRDs are Established and workloads are ready, polling the API server with a growing interval
 * (fast when things are quick, gentle when they are not). When something is not ready, its pods and Warning
 * Events say why (image pull errors, scheduling, crash loops).
 */
import type { KubeClient, KubeObject, ObjectRef } from '../kube/types.js';
import { mapLimit } from './parallel.js';
import { nameOf } from './refs.js';
import { crdReadiness, podSelector, workloadReadiness, workloadReasons, type Readiness } from './status.js';

export interface Pending {
  ref: ObjectRef;
  /** `0/1 replicas available`. */
  summary: string;
  /** Per-pod reasons, possibly empty. */
  reasons: string[];
}

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called after each round with what is still not ready. */
  onPending?: (pending: readonly Pending[]) => void;
  /** Longest pause between two rounds (default 1 s). */
  maxIntervalMs?: number;
}

export interface WaitResult {
  ready: boolean;
  /** What was still not ready when the wait ended (timeout or interruption). */
  pending: Pending[];
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function readinessOf(o: KubeObject): Readiness {
  return o.kind === 'CustomResourceDefinition' ? crdReadiness(o) : workloadReadiness(o);
}

/** Pods and Warning Events of a workload, turned into reasons. Failures to read them are not fatal. */
export async function reasonsFor(kube: KubeClient, workload: KubeObject): Promise<string[]> {
  const ns = workload.metadata.namespace;
  const selector = podSelector(workload);
  if (!ns || !selector) return [];
  try {
    const [pods, events] = await Promise.all([
      kube.list('v1', 'Pod', { namespace: ns, labelSelector: selector }),
      // Not every server takes a field selector on `type`: filter here (latestWarning keeps Warnings only).
      kube.list('v1', 'Event', { namespace: ns }).catch(() => ({ items: [] as KubeObject[] })),
    ]);
    const reasons = workloadReasons(pods.items, events.items);
    if (reasons.length === 0 && pods.items.length === 0) {
      const own = events.items.filter((e) => e.type === 'Warning' && (e.involvedObject as { name?: string } | undefined)?.name?.startsWith(workload.metadata.name ?? '\0'));
      const last = own.at(-1);
      if (last) return [`${String(last.reason ?? 'Warning')}: ${String(last.message ?? '')}`];
      return ['no pods created yet'];
    }
    return reasons;
  } catch {
    return [];
  }
}

/** Polls until every object is ready, the timeout passes, or `signal` aborts. */
export async function waitUntilReady(kube: KubeClient, refs: readonly ObjectRef[], options: WaitOptions): Promise<WaitResult> {
  const deadline = Date.now() + options.timeoutMs;
  const maxInterval = options.maxIntervalMs ?? 1000;
  let remaining = [...refs];
  let pending: Pending[] = [];
  let interval = 10;
  for (let round = 0; ; round++) {
    const last = Date.now() >= deadline;
    // Reasons cost two lists per workload: only once something has been slow for a few rounds.
    const explain = last || round >= 3;
    const checked = await mapLimit(
      remaining,
      8,
      async (ref): Promise<Pending | undefined> => {
        const o = await kube.get(ref);
        if (!o) return { ref, summary: 'not found', reasons: [] };
        const r = readinessOf(o);
        if (r.ready) return undefined;
        return { ref, summary: r.summary, reasons: explain && o.kind !== 'CustomResourceDefinition' ? await reasonsFor(kube, o) : [] };
      },
      options.signal,
    );
    if (options.signal?.aborted) return { ready: false, pending: remaining.map((ref) => ({ ref, summary: 'interrupted', reasons: [] })) };
    pending = checked.filter((p): p is Pending => p !== undefined);
    remaining = pending.map((p) => p.ref);
    if (pending.length === 0) return { ready: true, pending: [] };
    options.onPending?.(pending);
    if (last) return { ready: false, pending };
    await pause(Math.min(interval, Math.max(0, deadline - Date.now())), options.signal);
    interval = Math.min(maxInterval, interval * 2);
  }
}

/** Waits until an object is gone (a namespace still terminating, say). False on timeout or interruption. */
export async function waitUntilGone(kube: KubeClient, ref: ObjectRef, options: { timeoutMs: number; signal?: AbortSignal }): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  for (let interval = 10; ; interval = Math.min(1000, interval * 2)) {
    if (!(await kube.get(ref))) return true;
    if (Date.now() >= deadline || options.signal?.aborted) return false;
    await pause(Math.min(interval, Math.max(0, deadline - Date.now())), options.signal);
  }
}

export function describePending(p: Pending): string {
  return `${nameOf(p.ref)}: ${p.summary}${p.reasons.length > 0 ? ` (${p.reasons.join('; ')})` : ''}`;
}
