import { describe, expect, it } from 'vitest';
import { backoffDelay, isConnectionReset, parseRetryAfter, resolveRetry } from './retry.js';

describe('backoff with full jitter', () => {
  const policy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 };
  it.each([
    // [retry, random, retryAfterMs, expected]
    [0, 0.5, undefined, 100],
    [1, 0.5, undefined, 200],
    [3, 0.999, undefined, 1598],
    [10, 0.5, undefined, 2_500], // ceiling capped at 5 s before jitter
    [0, 0, undefined, 0],
    [0, 0.1, 2_000, 2_000], // Retry-After is a floor...
    [0, 0.1, 60_000, 5_000], // ...within the cap
  ])('retry %i with random %f and Retry-After %s -> %i ms', (retry, random, retryAfter, expected) => {
    expect(backoffDelay(policy, retry, () => random, retryAfter)).toBe(expected);
  });

  it('defaults to 5 attempts, 200 ms base, 5 s cap, and takes overrides', () => {
    expect(resolveRetry()).toEqual({ attempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 });
    expect(resolveRetry({ attempts: 2, baseDelayMs: undefined })).toEqual({ attempts: 2, baseDelayMs: 200, maxDelayMs: 5_000 });
    expect(resolveRetry({ attempts: 0 }).attempts).toBe(1);
  });
});

describe('Retry-After and resets', () => {
  it.each([
    ['3', 3_000],
    [' 1 ', 1_000],
    ['0.5', 500],
    ['Wed, 21 Oct 2015 07:28:00 GMT', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('Retry-After %j -> %s', (header, ms) => {
    expect(parseRetryAfter(header)).toBe(ms);
  });

  it.each([
    ['ECONNRESET', '', true],
    ['EPIPE', '', true],
    [undefined, 'socket hang up', true],
    ['ECONNREFUSED', 'connect ECONNREFUSED', false],
    ['ENOTFOUND', '', false],
  ])('%s %j is a reset: %s', (code, message, expected) => {
    expect(isConnectionReset(code, message)).toBe(expected);
  });
});
