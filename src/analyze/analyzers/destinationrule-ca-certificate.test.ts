import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { destinationRuleCaCertificate } from './destinationrule-ca-certificate.js';

const found = analyzeFixture(destinationRuleCaCertificate, new URL('./destinationrule-ca-certificate.fixture.yaml', import.meta.url));

describe('destinationrule.CaCertificateAnalyzer', () => {
  it('reports the rule-level and port-level TLS settings without CA, at their mode', () => {
    expect(briefs(found)).toEqual([
      'IST0128 DestinationRule default/simple destinationrule-ca-certificate.fixture.yaml:11:13',
      'IST0129 DestinationRule default/simple destinationrule-ca-certificate.fixture.yaml:15:17',
    ]);
  });

  it('names the mode, the host and the port', () => {
    expect(found[0]?.message).toContain('SIMPLE');
    expect(found[0]?.message).toContain('api.example.com');
    expect(found[1]?.message).toMatch(/MUTUAL .*port 8443/);
  });
});
