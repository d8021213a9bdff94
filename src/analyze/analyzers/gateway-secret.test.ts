import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { gatewaySecret } from './gateway-secret.js';

const fixture = new URL('./gateway-secret.fixture.yaml', import.meta.url);
const now = Date.UTC(2027, 5, 1);
const found = analyzeFixture(gatewaySecret, fixture, { now });

describe('gateway.SecretAnalyzer', () => {
  it('reports exactly the failing cases, at the credential reference', () => {
    expect(briefs(found)).toEqual([
      'IST0101 Gateway shop/missing gateway-secret.fixture.yaml:60:25',
      'IST0161 Gateway shop/expired gateway-secret.fixture.yaml:72:25',
      'IST0161 Gateway shop/nokey gateway-secret.fixture.yaml:84:27',
    ]);
  });

  it('points at the Secret by name and never prints its content', () => {
    expect(found[1]?.related.map((r) => r.origin)).toEqual(['Secret istio-system/old-cert']);
    const text = JSON.stringify(found);
    expect(text).not.toMatch(/BEGIN|LS0t|not a certificate/);
  });

  it('judges expiry by the run time: before expiry the certificate is fine', () => {
    const early = analyzeFixture(gatewaySecret, fixture, { now: Date.UTC(2026, 10, 25, 12) });
    expect(briefs(early).filter((b) => b.includes('expired'))).toEqual([]);
  });

  it('does not claim a secret is missing when the files are not the whole cluster', () => {
    const loose = analyzeFixture(gatewaySecret, fixture, { now, complete: false });
    expect(loose.map((d) => d.code)).toEqual(['IST0161', 'IST0161']);
  });
});
