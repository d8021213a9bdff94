import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { gatewayCertificate } from './gateway-certificate.js';

const found = analyzeFixture(gatewayCertificate, new URL('./gateway-certificate.fixture.yaml', import.meta.url));

describe('gateway.CertificateAnalyzer', () => {
  it('reports both Gateways sharing a certificate on one workload, at the credential', () => {
    expect(briefs(found)).toEqual([
      'IST0138 Gateway web/shop gateway-certificate.fixture.yaml:12:43',
      'IST0138 Gateway web/blog gateway-certificate.fixture.yaml:24:25',
    ]);
    expect(found[0]?.message).toContain('[web/shop, web/blog]'); // this Gateway first, then the other
    expect(found[0]?.related.map((r) => r.origin)).toEqual(['Gateway web/blog']);
  });
});
