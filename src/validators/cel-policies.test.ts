import { describe, expect, it } from 'vitest';
import { istioCrds } from '../api/crds.js';
import { POLICY_CEL_CHECKS, requestUriScheme, urlHost } from './cel-policies.js';

const rule = (text: string) => {
  const check = POLICY_CEL_CHECKS[text];
  if (!check) throw new Error(`no check for ${text}`);
  return check;
};

function crdRules(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => crdRules(n, out));
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'x-kubernetes-validations') for (const r of v as { rule: string }[]) out.add(r.rule);
      else crdRules(v, out);
    }
  }
  return out;
}

describe('POLICY_CEL_CHECKS', () => {
  it('has no entry that no CRD uses (each is the intent of a rule the API server runs)', () => {
    const used = crdRules(istioCrds());
    expect(Object.keys(POLICY_CEL_CHECKS).filter((r) => !used.has(r))).toEqual([]);
  });

  it.each([
    [{}, true],
    [{ selector: {} }, true],
    [{ targetRefs: [] }, true],
    [{ selector: {}, targetRef: {} }, false],
    [{ targetRef: {}, targetRefs: [] }, false],
    [{ selector: null, targetRef: {} }, true],
  ])('one targeting field: %j -> %s', (self, ok) => {
    expect(rule('[has(self.selector), has(self.targetRef), has(self.targetRefs)].filter(x, x).size() <= 1')(self)).toBe(ok);
  });

  it.each([
    [{ serviceAccounts: ['a/b'] }, true],
    [{ notServiceAccounts: ['a/b'], ipBlocks: ['1.1.1.1'] }, true],
    [{ serviceAccounts: ['a/b'], principals: ['x'] }, false],
    [{ notServiceAccounts: ['a/b'], notNamespaces: ['x'] }, false],
    [{ principals: ['x'], namespaces: ['y'] }, true],
  ])('service accounts exclusive: %j -> %s', (self, ok) => {
    expect(rule('!(has(self.serviceAccounts) || has(self.notServiceAccounts)) || [has(self.principals), has(self.notPrincipals), has(self.namespaces), has(self.notNamespaces)].all(x, !x)')(self)).toBe(ok);
  });

  it.each([
    [{ '80': {}, '65535': {} }, true],
    [{ '0': {} }, false],
    [{ '65536': {} }, false],
    [{ http: {} }, false],
  ])('portLevelMtls keys: %j -> %s', (self, ok) => {
    expect(rule("self.all(p, p.matches('^[0-9]+$') && int(p) >= 1 && int(p) <= 65535)")(self)).toBe(ok);
  });

  it.each([
    [{ mtls: { mode: 'STRICT' } }, true],
    [{ portLevelMtls: { '80': {} }, selector: { matchLabels: { app: 'a' } } }, true],
    [{ portLevelMtls: { '80': {} } }, false],
    [{ portLevelMtls: { '80': {} }, selector: {} }, false],
    [{ portLevelMtls: { '80': {} }, selector: { matchLabels: {} } }, false],
  ])('portLevelMtls needs a selector: %j -> %s', (self, ok) => {
    expect(rule('!has(self.portLevelMtls) || (has(self.selector) && has(self.selector.matchLabels) && self.selector.matchLabels.size() > 0)')(self)).toBe(ok);
  });

  it.each([
    ['https://a/keys', true],
    ['HTTP://a/keys', true],
    ['ftp://a/keys', false],
    ['a/keys', false],
    ['/keys', false],
  ])('jwksUri scheme: %s -> %s', (self, ok) => {
    expect(rule("url(self).getScheme() in ['http', 'https']")(self)).toBe(ok);
  });

  it.each([
    [{ jwksUri: 'u' }, true],
    [{ jwks: 'k' }, true],
    [{ jwksUri: 'u', jwks: 'k' }, false],
    [{ jwksUri: 'u', jwks_uri: 'u' }, false],
  ])('one JWKS source: %j -> %s', (self, ok) => {
    expect(rule('[has(self.jwksUri), has(self.jwks_uri), has(self.jwks)].filter(x, x).size() <= 1')(self)).toBe(ok);
  });

  it.each([
    [{ operation: 'UPSERT', value: 'x' }, true, true],
    [{ operation: 'UPSERT' }, false, true],
    [{ operation: 'UPSERT', value: '' }, false, true],
    [{ operation: 'REMOVE' }, true, true],
    [{ operation: 'REMOVE', value: 'x' }, true, false],
    [{}, true, true],
  ])('tag override %j: upsert rule %s, remove rule %s', (self, upsert, remove) => {
    expect(rule("!has(self.operation) || self.operation != 'UPSERT' || (has(self.value) && self.value != '')")(self)).toBe(upsert);
    expect(rule("!has(self.operation) || self.operation != 'REMOVE' || !has(self.value)")(self)).toBe(remove);
  });

  it.each([
    ['oci://ghcr.io/a/b:1', true],
    ['ghcr.io/a/b:1', true],
    // Go reads `localhost:5000/a` as scheme "localhost" with an opaque part, so Istio refuses it: write oci://.
    ['localhost:5000/a', false],
    ['oci://localhost:5000/a', true],
    ['https://x/a.wasm', true],
    ['file:///a.wasm', true],
    ['/opt/a.wasm', true],
    ['ftp://x/a.wasm', false],
    ['s3://bucket/a.wasm', false],
    ['a b', false],
  ])('module url %s -> %s', (self, ok) => {
    expect(rule("(isURL(self) ? url(self).getScheme() : (isURL('http://' + self) ? '' : 'invalid')) in ['', 'http', 'https', 'oci', 'file']")(self)).toBe(ok);
  });

  it.each([
    [{ name: 'A', value: '1' }, true],
    [{ name: 'A', valueFrom: 'INLINE', value: '1' }, true],
    [{ name: 'A', valueFrom: 'HOST' }, true],
    [{ name: 'A', valueFrom: 'HOST', value: '1' }, false],
  ])('env %j -> %s', (self, ok) => {
    expect(rule("!has(self.valueFrom) || self.valueFrom != 'HOST' || !has(self.value)")(self)).toBe(ok);
  });

  it.each([
    [{ wasm: {} }, true],
    [{ lua: {} }, true],
    [{}, false],
    [{ wasm: {}, lua: {} }, false],
  ])('wasm xor lua: %j -> %s', (self, ok) => {
    expect(rule('has(self.wasm) != has(self.lua)')(self)).toBe(ok);
  });
});

describe('requestUriScheme / urlHost (Go url.ParseRequestURI, as CEL url() reads URLs)', () => {
  it.each([
    ['https://example.com/x', 'https'],
    ['OCI://r/x', 'oci'],
    ['/abs/path', ''],
    ['relative/path', undefined],
    ['mailto:a@b', 'mailto'],
    ['localhost:5000/a', 'localhost'],
    ['http://a b/x', undefined],
    ['http://a:port/x', undefined],
    ['http://a\u0001/x', undefined],
    ['', undefined],
  ])('%j -> %s', (text, scheme) => {
    expect(requestUriScheme(text)).toBe(scheme);
  });

  it.each([
    ['https://user@host:8443/x', 'host'],
    ['http://[::1]:80/x', '[::1]'],
    ['https:///x', ''],
    ['/x', undefined],
  ])('host of %s is %j', (text, host) => {
    expect(urlHost(text)).toBe(host);
  });
});
