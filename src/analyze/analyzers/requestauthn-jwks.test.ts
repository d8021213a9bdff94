import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeFixture, analyzeText, briefs } from '../../../test/support/analyze-fixture.js';
import { requestAuthnJwks } from './requestauthn-jwks.js';

const fixture = new URL('./requestauthn-jwks.fixture.yaml', import.meta.url);

describe('requestauthentication.JwksUriAnalyzer', () => {
  it('reports istiod when JWKS fetching is unrestricted', () => {
    const found = analyzeFixture(requestAuthnJwks, fixture, { mesh: { istioNamespace: 'istio-system', revision: '' } });
    expect(briefs(found)).toEqual(['IST0175 Deployment istio-system/istiod requestauthn-jwks.fixture.yaml:15:9']);
    expect(found[0]?.message).toContain('shop/jwt');
    expect(found[0]?.message).not.toContain('issuer-only');
  });
  it('is satisfied by BLOCKED_CIDRS_IN_JWKS_URIS', () => {
    const text = readFileSync(fixture, 'utf8').replace(
      '- {name: PILOT_TRACE_SAMPLING, value: "1"}',
      '- {name: BLOCKED_CIDRS_IN_JWKS_URIS, value: "10.0.0.0/8,169.254.169.254/32"}',
    );
    expect(analyzeText(requestAuthnJwks, 'x.yaml', text, { mesh: { istioNamespace: 'istio-system', revision: '' } })).toEqual([]);
  });
});
