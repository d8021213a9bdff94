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
      'IST0161 Gateway shop/nokey gateway-secret.fixture.yaml:84:27',
    ]);
  });

  it('points at the Secret by name and never prints its content', () => {
    expect(found[1]?.related.map((r) => r.origin)).toEqual(['Secret istio-system/nokey-cert']);
    const text = JSON.stringify(found);
    expect(text).not.toMatch(/BEGIN|LS0t|not a certificate/);
  });

  it('does not judge expiry, as Istio does not', () => {
    expect(briefs(analyzeFixture(gatewaySecret, fixture, { now: Date.UTC(2030, 0, 1) }))).toEqual(briefs(found));
  });

  it('reports a Gateway whose selector matches no pod, on the selector', () => {
    const extra = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: nowhere, namespace: shop}
spec:
  selector: {istio: nothing}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: [x.example.com], tls: {mode: SIMPLE, credentialName: shop-cert}}]
`;
    expect(briefs(analyzeFixture(gatewaySecret, fixture, { now, extra })).filter((b) => b.includes('nowhere'))).toEqual([expect.stringMatching(/^IST0101 Gateway shop\/nowhere .*:\d+:13$/)]);
  });

  it('does not claim a secret is missing when the files are not the whole cluster', () => {
    const loose = analyzeFixture(gatewaySecret, fixture, { now, complete: false });
    expect(loose.map((d) => d.code)).toEqual(['IST0161']);
  });
});
