/**
 * Injected failures for reliability tests (FaultRule: status answers, 429 with Retry-After, dropped sockets,
 * latency; by nth match, by a deterministic seeded fraction, or every match) and RBAC-style denials (403).
 */
import { ApiError } from './status.js';

export interface FaultRule {
  method?: string;
  verb?: string;
  path?: RegExp | string;
  nth?: number;
  fraction?: number;
  times?: number;
  status?: 500 | 503 | 429 | 403 | number;
  retryAfterSeconds?: number;
  reset?: boolean;
  latencyMs?: number;
}

export interface RequestFacts {
  method: string;
  path: string;
  verb: string;
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
}

export type FaultOutcome = { latencyMs: number; reset?: boolean; error?: ApiError };

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ActiveRule {
  rule: FaultRule;
  matched: number;
  injected: number;
  random: () => number;
}

export class Faults {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): () => void {
    // Seeded by the rule itself: the same rule injects the same sequence in every run.
    let seed = 0x5a11c7;
    for (const ch of JSON.stringify({ ...rule, path: String(rule.path) })) seed = Math.imul(seed ^ ch.charCodeAt(0), 16777619) >>> 0;
    const active: ActiveRule = { rule, matched: 0, injected: 0, random: mulberry32(seed) };
    this.rules.push(active);
    return () => {
      this.rules = this.rules.filter((r) => r !== active);
    };
  }

  clear(): void {
    this.rules = [];
  }

  private matches(rule: FaultRule, r: RequestFacts): boolean {
    if (rule.method && rule.method.toUpperCase() !== r.method) return false;
    if (rule.verb && rule.verb !== r.verb) return false;
    if (rule.path instanceof RegExp && !rule.path.test(r.path)) return false;
    if (typeof rule.path === 'string' && r.path !== rule.path && !r.path.startsWith(rule.path)) return false;
    return true;
  }

  /** Decides what happens to this request (undefined = nothing injected). */
  evaluate(r: RequestFacts): FaultOutcome | undefined {
    let latencyMs = 0;
    for (const a of this.rules) {
      const { rule } = a;
      if (!this.matches(rule, r)) continue;
      if (rule.times !== undefined && a.injected >= rule.times) continue;
      a.matched++;
      if (rule.nth !== undefined && a.matched !== rule.nth) continue;
      if (rule.fraction !== undefined && a.random() >= rule.fraction) continue;
      a.injected++;
      latencyMs += rule.latencyMs ?? 0;
      if (rule.reset) return { latencyMs, reset: true };
      if (rule.status !== undefined) {
        const code = rule.status;
        const reason = REASONS[code] ?? 'Unknown';
        const retry = rule.retryAfterSeconds ?? (code === 429 ? 1 : undefined);
        const headers: Record<string, string> = retry !== undefined ? { 'Retry-After': String(retry) } : {};
        const message = code === 429 ? 'Too many requests, please try again later.' : `injected fault: ${reason}`;
        return { latencyMs, error: new ApiError(code, reason, message, retry !== undefined ? { retryAfterSeconds: retry } : undefined, headers) };
      }
    }
    return latencyMs > 0 ? { latencyMs } : undefined;
  }
}

export interface DenyRule {
  verb: string;
  resource: string;
  group?: string;
  namespace?: string;
  subresource?: string;
}

export const TEST_USER = 'sailctl-test';

export class Denials {
  private rules: DenyRule[] = [];

  add(rule: DenyRule): () => void {
    this.rules.push(rule);
    return () => {
      this.rules = this.rules.filter((r) => r !== rule);
    };
  }

  denies(a: { verb: string; resource?: string; group?: string; namespace?: string; subresource?: string }): boolean {
    return this.rules.some(
      (r) =>
        (r.verb === '*' || r.verb === a.verb) &&
        (r.resource === '*' || r.resource === a.resource) &&
        (r.group === undefined || r.group === '*' || r.group === (a.group ?? '')) &&
        (r.namespace === undefined || r.namespace === a.namespace) &&
        (r.subresource === undefined || r.subresource === a.subresource),
    );
  }

  /** The 403 the API server's authorizer answers. */
  static forbidden(a: { verb: string; resource: string; group: string; namespace?: string; subresource?: string; name?: string; kind?: string }): ApiError {
    const qualified = a.group ? `${a.resource}.${a.group}` : a.resource;
    const what = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    const subject = a.name ? `${qualified} "${a.name}"` : qualified;
    const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
    return new ApiError(403, 'Forbidden', `${subject} is forbidden: User "${TEST_USER}" cannot ${a.verb} resource "${what}" in API group "${a.group}" ${scope}`, {
      ...(a.name ? { name: a.name } : {}),
      group: a.group,
      kind: a.resource,
    });
  }
}
