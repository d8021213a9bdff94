/**
 * When and how long to wait before trying a request again: exponential backoff with full jitter, honouring
 * `Retry-After`, only for failures that are safe to repeat. Pure except for the injected random source.
 */

export interface RetryPolicy {
  /** Total tries including the first. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 };

export function resolveRetry(overrides?: Partial<RetryPolicy>): RetryPolicy {
  const p = { ...DEFAULT_RETRY, ...Object.fromEntries(Object.entries(overrides ?? {}).filter(([, v]) => v !== undefined)) };
  return { attempts: Math.max(1, Math.floor(p.attempts)), baseDelayMs: Math.max(0, p.baseDelayMs), maxDelayMs: Math.max(0, p.maxDelayMs) };
}

/** Statuses that say "try again later" rather than "no". */
export const RETRYABLE_STATUS: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Connection failures where the server may have dropped us mid-way: worth another try. */
const RESET_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

export function isConnectionReset(code: string | undefined, message: string): boolean {
  return (code !== undefined && RESET_CODES.has(code)) || /socket hang up/i.test(message);
}

/** `Retry-After` in seconds (the form the API server sends); dates and junk are ignored. */
export function parseRetryAfter(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Math.round(Number(value) * 1000);
}

/**
 * Delay before retry number `retry` (0 = the first retry): uniform in [0, min(cap, base * 2^retry)],
 * but never shorter than what the server asked for with Retry-After, and never longer than the cap.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  const jittered = Math.floor(random() * ceiling);
  const wanted = retryAfterMs === undefined ? jittered : Math.max(jittered, retryAfterMs);
  return Math.min(policy.maxDelayMs, wanted);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
