/** The name rules istiod applies: hosts and wildcards, namespaces, labels, IPs/CIDRs, exportTo, regexes. */
import { describe, expect, it } from 'vitest';
import { cidrError, exportToErrors, isIP, labelKeyError, namespacedHostError, regexError, wildcardDomainError } from '../../src/validators/semantic/names.js';
import { parseGoDuration } from '../../src/validators/semantic/durations.js';

describe('wildcardDomainError', () => {
  it.each(['*', '*.example.com', 'reviews', 'reviews.default.svc.cluster.local', 'example.com.', '*foo.example.com', 'a-b.c'])('accepts %s', (h) => {
    expect(wildcardDomainError(h)).toBeUndefined();
  });
  const long = 'a'.repeat(64);
  const badLabel = (host: string, label: string) => `host "${host}" is not a valid DNS name (label "${label}"; a wildcard is allowed only at the start)`;
  it.each([
    ['', 'host must not be empty'],
    ['foo.*.com', 'host "foo.*.com" is not a valid DNS name (label "*": a wildcard is allowed only at the start)'],
    ['foo*.com', badLabel('foo*.com', 'foo*')],
    ['-a.com', badLabel('-a.com', '-a')],
    ['a..com', 'host "a..com" is not a valid DNS name (label "")'],
    ['example.123', 'host "example.123" is not a valid DNS name (the top-level domain cannot be all digits)'],
    ['a_b.com', badLabel('a_b.com', 'a_b')],
    [`${long}.com`, badLabel(`${long}.com`, long)],
  ])('refuses "%s"', (h, message) => {
    expect(wildcardDomainError(h)).toBe(message);
  });
});

describe('namespacedHostError', () => {
  it.each([['./*', true], ['*/foo.com', true], ['istio-system/*', true], ['~/*', false], ['Bad/x.com', false]])('%s -> ok %s', (v, ok) => {
    expect(namespacedHostError(v, false) === undefined).toBe(ok);
  });
  it('accepts ~ where "none" is allowed (Sidecar egress)', () => {
    expect(namespacedHostError('~/*', true)).toBeUndefined();
  });
});

describe('IPs and CIDRs', () => {
  it.each([['10.0.0.1', true], ['256.0.0.1', false], ['::1', true], ['2001:db8::8a2e:370:7334', true], ['::ffff:10.0.0.1', true], ['1::2::3', false], ['fe80:0:0:0:0:0:0:0:1', false]])('isIP(%s) = %s', (v, ok) => {
    expect(isIP(v)).toBe(ok);
  });
  it.each([['10.0.0.0/8', undefined], ['10.0.0.0/33', 'invalid prefix length'], ['2001:db8::/129', 'invalid prefix length'], ['foo/8', 'not an IP'], ['1.2.3.4', undefined]])('cidrError(%s)', (v, msg) => {
    const e = cidrError(v);
    if (msg === undefined) expect(e).toBeUndefined();
    else expect(e).toContain(msg);
  });
});

describe('labels, exportTo, regexes, durations', () => {
  it('label keys: optional DNS prefix, 63-character name', () => {
    expect(labelKeyError('app')).toBeUndefined();
    expect(labelKeyError('example.com/tier')).toBeUndefined();
    expect(labelKeyError('Example_.com/tier')).toBe('label key "Example_.com/tier" has an invalid prefix (a DNS subdomain)');
    expect(labelKeyError('a'.repeat(64))).toBe(`label key "${'a'.repeat(64)}" is invalid: up to 63 letters, digits, "-", "_", "." starting and ending alphanumeric`);
  });
  it('exportTo: ., *, ~ or namespaces; * and ~ alone; no duplicates', () => {
    expect(exportToErrors(['.', 'ns1'])).toEqual([]);
    expect(exportToErrors(['*', 'ns1']).map((e) => e.message)).toEqual(['"*" cannot be combined with other values']);
    expect(exportToErrors(['a', 'a']).map((e) => e.message)).toEqual(['"a" is listed twice']);
  });
  it('regexes: RE2 refuses look-around and back-references', () => {
    expect(regexError('^/api/v[0-9]+$')).toBeUndefined();
    expect(regexError('(?P<name>a)')).toBeUndefined();
    expect(regexError('(a)\\1')).toContain('back-reference');
    expect(regexError('(?<!a)b')).toContain('look-around');
    expect(regexError('[a-')).toContain('does not compile');
  });
  it.each([['1s', 1000], ['1.5s', 1500], ['1h2m', 3720000], ['300ms', 300], ['10us', 0.01], ['0', 0], ['1', undefined], ['1d', undefined], ['', undefined]])('parseGoDuration(%s) = %s', (t, ms) => {
    expect(parseGoDuration(t)).toBe(ms);
  });
});
