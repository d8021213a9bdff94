/** Go-style durations as istioctl and kubectl accept them: `300ms`, `15s`, `2m`, `1h30m`, or bare seconds. */
import { UsageError } from './errors.js';

/** Node's timers hold at most 2^31-1 ms (about 24.8 days); a longer delay silently fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds, or `undefined` when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(t)) return undefined;
  let total = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 1000);
  return Math.round(total);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)}s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return s ? `${m}m${s}s` : `${m}m`;
}

/** A duration flag's value in ms: a usage error (64) when it is not a positive duration or overflows Node's timers. */
export function durationFlag(name: string, value: string, example = 'such as 30s or 5m', details?: readonly string[]): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) throw new UsageError(`invalid ${name} "${value}": expected a duration ${example}`, { details });
  if (ms > MAX_TIMER_MS) throw new UsageError(`invalid ${name} "${value}": at most ${MAX_TIMER_MS}ms (about 24 days, the limit of Node's timers)`, { details });
  return ms;
}
