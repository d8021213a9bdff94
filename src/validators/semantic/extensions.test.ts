import { describe, expect, it } from 'vitest';
import type { PathSegment } from '../../resources/types.js';
import type { SemanticCheck } from './index.js';
import { checkTrafficExtension, checkWasmPlugin, moduleScheme, moduleUrlError } from './extensions.js';

interface Found {
  path: PathSegment[];
  message: string;
  severity: 'error' | 'warning';
}

function run(check: SemanticCheck, spec: unknown): Found[] {
  const out: Found[] = [];
  check({ metadata: { name: 'w', namespace: 'ns' }, spec }, { referential: true, report: (path, message, severity = 'error') => out.push({ path, message, severity }) });
  return out;
}
const SHA = 'a'.repeat(64);

describe('WasmPlugin', () => {
  it.each([
    ['oci', { url: 'oci://ghcr.io/acme/filter:1.0', imagePullPolicy: 'Always', imagePullSecret: 'regcred', phase: 'AUTHN' }],
    ['no scheme is OCI', { url: 'ghcr.io/acme/filter:1.0', imagePullPolicy: 'IfNotPresent' }],
    ['https', { url: 'https://example.com/filter.wasm', sha256: SHA }],
    ['http with sha256', { url: 'http://example.com/filter.wasm', sha256: SHA }],
    ['file', { url: 'file:///opt/filters/filter.wasm' }],
    ['env and match', { url: 'oci://r/f', vmConfig: { env: [{ name: 'A', value: '1' }, { name: 'B', valueFrom: 'HOST' }] }, match: [{ mode: 'SERVER', ports: [{ number: 80 }, { number: 443 }] }, { ports: [{ number: 80 }] }] }],
  ])('%s is valid', (_n, spec) => {
    expect(run(checkWasmPlugin, spec)).toEqual([]);
  });

  it.each([
    [{ url: 'file://' }, ['spec', 'url'], 'needs a path', 'error'],
    [{ url: 'https:///x.wasm' }, ['spec', 'url'], 'has no host', 'error'],
    [{ url: 'oci://' }, ['spec', 'url'], 'has no host', 'error'],
    [{ url: 'http://example.com/f.wasm' }, ['spec', 'url'], 'plain HTTP without sha256', 'warning'],
    [{ url: 'https://example.com/f.wasm', imagePullSecret: 's' }, ['spec', 'imagePullSecret'], 'only applies to OCI images', 'warning'],
    [{ url: 'file:///f.wasm', imagePullPolicy: 'Always' }, ['spec', 'imagePullPolicy'], 'not to file:// URLs', 'warning'],
    [{ url: 'oci://r/f', vmConfig: { env: [{ name: 'A' }, { name: 'B' }, { name: 'A' }] } }, ['spec', 'vmConfig', 'env', 2, 'name'], 'environment variable "A" is set twice', 'error'],
    [{ url: 'oci://r/f', match: [{ ports: [{ number: 80 }] }, { ports: [{ number: 8080 }, { number: 8080 }] }] }, ['spec', 'match', 1, 'ports', 1, 'number'], 'port 8080 is listed twice', 'error'],
    [{ url: 'oci://r/f', targetRefs: [{ kind: 'Service', group: 'networking.istio.io', name: 's' }] }, ['spec', 'targetRefs', 0, 'group'], 'Service is in group ""', 'error'],
  ])('%j', (spec, path, message, severity) => {
    const found = run(checkWasmPlugin, spec);
    expect(found.map((f) => [f.path, f.severity])).toEqual([[path, severity]]);
    expect(found[0]?.message).toContain(message);
  });
});

describe('TrafficExtension', () => {
  it.each([
    ['wasm', { wasm: { url: 'oci://r/f' }, phase: 'STATS' }],
    ['lua', { lua: { inlineCode: 'function envoy_on_request(handle)\n  handle:headers():add("x", "1")\nend' } }],
  ])('%s is valid', (_n, spec) => {
    expect(run(checkTrafficExtension, spec)).toEqual([]);
  });

  it('checks the wasm module under spec.wasm', () => {
    const found = run(checkTrafficExtension, { wasm: { url: 'https:///f.wasm', imagePullPolicy: 'Always', vmConfig: { env: [{ name: 'X' }, { name: 'X' }] } } });
    expect(found.map((f) => [f.path, f.severity])).toEqual([
      [['spec', 'wasm', 'url'], 'error'],
      [['spec', 'wasm', 'imagePullPolicy'], 'warning'],
      [['spec', 'wasm', 'vmConfig', 'env', 1, 'name'], 'error'],
    ]);
  });

  it('warns about Lua code without an entry point, and checks match ports', () => {
    const found = run(checkTrafficExtension, { lua: { inlineCode: 'print("hi")' }, match: [{ ports: [{ number: 1 }, { number: 1 }] }] });
    expect(found.map((f) => [f.path, f.severity])).toEqual([
      [['spec', 'lua', 'inlineCode'], 'warning'],
      [['spec', 'match', 0, 'ports', 1, 'number'], 'error'],
    ]);
  });
});

describe('module URLs', () => {
  it.each([
    ['oci://ghcr.io/a/b:1', 'oci'],
    ['ghcr.io/a/b:1', 'oci'],
    ['localhost:5000/a/b', 'localhost'],
    ['HTTPS://x/y.wasm', 'https'],
    ['file:///a.wasm', 'file'],
    ['ftp://x/y', 'ftp'],
    ['a b', undefined],
  ])('%s -> %s', (url, scheme) => {
    expect(moduleScheme(url)).toBe(scheme);
  });

  it.each([
    ['file:///opt/a.wasm', undefined],
    ['file:/opt/a.wasm', undefined],
    ['file:///', 'needs a path'],
    ['http://:80/a', 'has no host'],
    ['ghcr.io/a', undefined],
  ])('%s', (url, error) => {
    const e = moduleUrlError(url);
    if (error === undefined) expect(e).toBeUndefined();
    else expect(e).toContain(error);
  });
});
