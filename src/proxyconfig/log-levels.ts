/** Envoy's `/logging`: parse `active loggers:` text, and build the POST query that sets levels. */
import { MalformedDocumentError } from '../proxystatus/document-error.js';

export const LEVELS = ['trace', 'debug', 'info', 'warning', 'error', 'critical', 'off'] as const;

export function parseLoggers(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0 || !/^active loggers:?$/.test(lines[0] as string)) throw new MalformedDocumentError('log levels', 'expected "active loggers:"');
  for (const line of lines.slice(1)) {
    const m = /^([\w.-]+):\s*(\w+)$/.exec(line);
    if (m) out[m[1] as string] = m[2] as string;
  }
  return out;
}

/**
 * `debug` -> `level=debug`; `http:debug,router:info` -> `paths=http:debug,router:info`. Returns an error text
 * for an unknown level or a malformed pair.
 */
export function levelQuery(spec: string): { query: string } | { error: string } {
  const pairs = spec.split(',').map((p) => p.trim()).filter(Boolean);
  if (pairs.length === 0) return { error: 'empty --level' };
  if (pairs.length === 1 && !(pairs[0] as string).includes(':')) {
    const level = pairs[0] as string;
    return (LEVELS as readonly string[]).includes(level) ? { query: `level=${level}` } : { error: `unknown level "${level}": use ${LEVELS.join(', ')}` };
  }
  for (const p of pairs) {
    const [logger, level, extra] = p.split(':');
    if (!logger || !level || extra !== undefined || !/^[\w.-]+$/.test(logger)) return { error: `expected logger:level, got "${p}"` };
    if (!(LEVELS as readonly string[]).includes(level)) return { error: `unknown level "${level}" for ${logger}: use ${LEVELS.join(', ')}` };
  }
  return { query: `paths=${encodeURIComponent(pairs.join(','))}` };
}
