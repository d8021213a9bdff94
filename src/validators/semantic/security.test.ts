import { describe, expect, it } from 'vitest';
import type { PathSegment } from '../../resources/types.js';
import type { SemanticCheck } from './index.js';
import { checkPeerAuthentication, checkRequestAuthentication, checks, headerNameError, jwksError, jwksUriError } from './security.js';

interface Found {
  path: PathSegment[];
  message: string;
  severity: 'error' | 'warning';
}

function run(check: SemanticCheck, spec: unknown): Found[] {
  const out: Found[] = [];
  check({ metadata: { name: 'x', namespace: 'ns' }, spec }, { referential: true, report: (path, message, severity = 'error') => out.push({ path, message, severity }) });
  return out;
}
const J = ['spec', 'jwtRules', 0];
const JWKS = JSON.stringify({ keys: [{ kty: 'RSA', e: 'AQAB', n: 'abc' }] });

describe('security.istio.io checks registry', () => {
  it('has a check for every kind of the group', () => {
    expect(Object.keys(checks).sort()).toEqual(['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication']);
  });
});

describe('RequestAuthentication', () => {
  it.each([
    ['no rules', {}],
    ['jwksUri', { jwtRules: [{ issuer: 'https://accounts.example.com', jwksUri: 'https://accounts.example.com:8443/keys.json', audiences: ['a'] }] }],
    ['inline jwks', { jwtRules: [{ issuer: 'me', jwks: JWKS, fromHeaders: [{ name: 'x-jwt', prefix: 'Bearer ' }], fromParams: ['token'] }] }],
    ['claim to headers', { jwtRules: [{ issuer: 'me', outputClaimToHeaders: [{ header: 'x-sub', claim: 'sub' }, { header: 'x-groups', claim: 'groups' }], outputPayloadToHeader: 'x-jwt-payload' }] }],
  ])('%s is valid', (_n, spec) => {
    expect(run(checkRequestAuthentication, spec)).toEqual([]);
  });

  it.each([
    [{ jwksUri: 'https://x/k' }, J, 'issuer is required', 'error'],
    [{ issuer: 'i', jwksUri: 'https:///keys' }, [...J, 'jwksUri'], 'has no host', 'error'],
    [{ issuer: 'i', jwks_uri: 'https://h/keys' }, [...J, 'jwks_uri'], 'old spelling', 'warning'],
    [{ issuer: 'i', jwks: '{"keys": []}' }, [...J, 'jwks'], 'non-empty "keys" list', 'error'],
    [{ issuer: 'i', jwks: 'not json' }, [...J, 'jwks'], 'not valid JSON', 'error'],
    [{ issuer: 'i', jwks: '{"keys": [{"n": "x"}]}' }, [...J, 'jwks'], 'jwks key 0 has no "kty"', 'error'],
    [{ issuer: 'i', fromHeaders: [{ name: 'x-ok' }, { name: 'bad header' }] }, [...J, 'fromHeaders', 1, 'name'], 'not a valid HTTP header name', 'error'],
    [{ issuer: 'i', outputClaimToHeaders: [{ header: 'Host', claim: 'sub' }] }, [...J, 'outputClaimToHeaders', 0, 'header'], 'reserved', 'error'],
    [{ issuer: 'i', outputClaimToHeaders: [{ header: 'x-envoy-original-path', claim: 'sub' }] }, [...J, 'outputClaimToHeaders', 0, 'header'], 'reserved', 'error'],
    [{ issuer: 'i', outputClaimToHeaders: [{ header: 'x-a', claim: 'sub' }, { header: 'X-A', claim: 'iss' }] }, [...J, 'outputClaimToHeaders', 1, 'header'], 'already written from claim "sub"', 'warning'],
    [{ issuer: 'i', outputPayloadToHeader: 'transfer-encoding' }, [...J, 'outputPayloadToHeader'], 'reserved', 'error'],
    [{ issuer: 'i', outputPayloadToHeader: 'a:b' }, [...J, 'outputPayloadToHeader'], 'not a valid HTTP header name', 'error'],
  ])('%j', (rule, path, message, severity) => {
    const found = run(checkRequestAuthentication, { jwtRules: [rule] });
    expect(found.map((f) => [f.path, f.severity])).toEqual([[path, severity]]);
    expect(found[0]?.message).toContain(message);
  });

  it('checks every rule and the targeting', () => {
    const found = run(checkRequestAuthentication, { jwtRules: [{ issuer: 'a' }, {}], targetRef: { kind: 'Pod', name: 'p' } });
    expect(found.map((f) => f.path)).toEqual([['spec', 'targetRef', 'kind'], ['spec', 'jwtRules', 1]]);
  });
});

describe('PeerAuthentication', () => {
  it('accepts a workload policy with port exceptions', () => {
    expect(run(checkPeerAuthentication, { selector: { matchLabels: { app: 'db' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { '3306': { mode: 'DISABLE' } } })).toEqual([]);
  });

  it('warns about a port that sets no mode, and checks label syntax', () => {
    const found = run(checkPeerAuthentication, { selector: { matchLabels: { 'app/x/y': 'db' } }, portLevelMtls: { '80': {}, '81': { mode: 'UNSET' }, '82': { mode: 'STRICT' } } });
    expect(found.map((f) => [f.path, f.severity])).toEqual([
      [['spec', 'selector', 'matchLabels', 'app/x/y'], 'error'],
      [['spec', 'portLevelMtls', '80'], 'warning'],
      [['spec', 'portLevelMtls', '81'], 'warning'],
    ]);
  });
});

describe('vocabulary', () => {
  it.each([
    ['x-user', undefined],
    ['X_Custom.1', undefined],
    ['host', 'reserved'],
    ['Connection', 'reserved'],
    ['x-envoy-foo', 'reserved'],
    [':path', 'not a valid'],
    ['a b', 'not a valid'],
  ])('header %j', (name, error) => {
    const e = headerNameError(name);
    if (error === undefined) expect(e).toBeUndefined();
    else expect(e).toContain(error);
  });

  it.each([
    ['https://example.com/keys', undefined],
    ['http://10.0.0.1:8080/keys', undefined],
    ['https:///keys', 'has no host'],
    ['ftp://example.com/keys', undefined], // the scheme is the CEL rule's to report
  ])('jwksUri %s', (uri, error) => {
    const e = jwksUriError(uri);
    if (error === undefined) expect(e).toBeUndefined();
    else expect(e).toContain(error);
  });

  it('accepts a real-looking key set', () => {
    expect(jwksError(JWKS)).toBeUndefined();
    expect(jwksError('[]')).toContain('"keys"');
  });
});
