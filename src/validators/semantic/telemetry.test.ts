import { describe, expect, it } from 'vitest';
import type { PathSegment } from '../../resources/types.js';
import { celSyntaxError } from './cel-syntax.js';
import { checkTelemetry } from './telemetry.js';

interface Found {
  path: PathSegment[];
  message: string;
  severity: 'error' | 'warning';
}

function run(spec: unknown): Found[] {
  const out: Found[] = [];
  checkTelemetry({ metadata: { name: 't', namespace: 'ns' }, spec }, { referential: true, report: (path, message, severity = 'error') => out.push({ path, message, severity }) });
  return out;
}

describe('Telemetry: valid', () => {
  it.each([
    ['empty', {}],
    ['tracing', { tracing: [{ providers: [{ name: 'zipkin' }], randomSamplingPercentage: 10, customTags: { env: { environment: { name: 'ENV', defaultValue: 'x' } }, lit: { literal: { value: 'v' } }, h: { header: { name: 'x-id' } } } }] }],
    ['metrics', { metrics: [{ providers: [{ name: 'prometheus' }], overrides: [{ match: { metric: 'REQUEST_COUNT', mode: 'CLIENT' }, tagOverrides: { request_host: { operation: 'REMOVE' }, path: { value: 'request.url_path.startsWith("/api") ? "api" : "other"' } } }] }] }],
    ['access logging', { accessLogging: [{ providers: [{ name: 'envoy' }], filter: { expression: "response.code >= 400 || request.headers['x-debug'] == 'true'" } }] }],
  ])('%s', (_n, spec) => {
    expect(run(spec)).toEqual([]);
  });
});

describe('Telemetry: problems', () => {
  it.each([
    [{ tracing: [{ customTags: { t: {} } }] }, ['spec', 'tracing', 0, 'customTags', 't'], 'needs one of literal, environment, header, formatter', 'error'],
    [{ tracing: [{ customTags: { '': { literal: { value: 'x' } } } }] }, ['spec', 'tracing', 0, 'customTags', ''], 'tag name must not be empty', 'error'],
    [{ tracing: [{ providers: [{ name: 'a' }, { name: 'b' }] }] }, ['spec', 'tracing', 0, 'providers'], 'only one tracing provider', 'warning'],
    [{ tracing: [{}, {}] }, ['spec', 'tracing'], 'only one tracing entry', 'warning'],
    [{ metrics: [{ providers: [{ name: 'p' }, { name: 'p' }] }] }, ['spec', 'metrics', 0, 'providers', 1, 'name'], 'listed twice', 'warning'],
    [{ accessLogging: [{ providers: [{ name: '  ' }] }] }, ['spec', 'accessLogging', 0, 'providers', 0, 'name'], 'must not be blank', 'error'],
    [{ metrics: [{ overrides: [{ tagOverrides: { x: {} } }] }] }, ['spec', 'metrics', 0, 'overrides', 0, 'tagOverrides', 'x'], 'needs a value', 'error'],
    [{ metrics: [{ overrides: [{ tagOverrides: { x: { value: 'a ==' } } }] }] }, ['spec', 'metrics', 0, 'overrides', 0, 'tagOverrides', 'x', 'value'], 'ends with an operator', 'error'],
    [{ metrics: [{ overrides: [{ match: { customMetric: ' ' } }] }] }, ['spec', 'metrics', 0, 'overrides', 0, 'match', 'customMetric'], 'must not be blank', 'error'],
    [{ accessLogging: [{ filter: {} }] }, ['spec', 'accessLogging', 0, 'filter'], 'filter needs an expression', 'error'],
    [{ accessLogging: [{ filter: { expression: '' } }] }, ['spec', 'accessLogging', 0, 'filter', 'expression'], 'the expression is empty', 'error'],
    [{ accessLogging: [{ filter: { expression: 'response.code >= 400 && (x' } }] }, ['spec', 'accessLogging', 0, 'filter', 'expression'], 'never closed', 'error'],
    [{ selector: { matchLabels: { '-bad': 'x' } } }, ['spec', 'selector', 'matchLabels', '-bad'], 'label key', 'error'],
    [{ targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'a' }, { kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'a' }] }, ['spec', 'targetRefs', 1], 'listed twice', 'warning'],
  ])('%j', (spec, path, message, severity) => {
    const found = run(spec);
    expect(found.map((f) => [f.path, f.severity])).toEqual([[path, severity]]);
    expect(found[0]?.message).toContain(message);
  });
});

describe('celSyntaxError', () => {
  it.each([
    ['response.code >= 400', undefined],
    ["request.headers['x'] == \"a)b\"", undefined],
    ['has(request.auth) ? "y" : "n"', undefined],
    ["'''multi\nline'''", undefined],
    ['-1 < x', undefined],
    ['!ok', undefined],
    ['   ', 'empty'],
    ["'abc", 'not closed'],
    ['"a\\"', 'not closed'],
    ['(a', 'never closed'],
    ['a)', 'no matching opening'],
    ['[a)', 'no matching opening'],
    ['a ||', 'ends with an operator'],
    ['&& a', 'starts with an operator'],
  ])('%j', (text, error) => {
    const e = celSyntaxError(text);
    if (error === undefined) expect(e).toBeUndefined();
    else expect(e).toContain(error);
  });
});
