import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { gatewayIngressPort } from './gateway-ingress-port.js';

const fixture = new URL('./gateway-ingress-port.fixture.yaml', import.meta.url);
const found = analyzeFixture(gatewayIngressPort, fixture);

describe('gateway.IngressGatewayPortAnalyzer', () => {
  it('reports exactly the failing cases, at the offending node', () => {
    expect(briefs(found)).toEqual([
      'IST0162 Gateway shop/web gateway-ingress-port.fixture.yaml:27:17',
      'IST0101 Gateway shop/orphan gateway-ingress-port.fixture.yaml:37:5',
    ]);
  });

  it('names the port and selector, and points at the Service ports', () => {
    expect(found[0]?.message).toContain('port 9443');
    expect(found[0]?.message).toContain('istio=ingressgateway');
    expect(found[0]?.related.map((r) => r.origin)).toEqual(['Service istio-system/istio-ingressgateway']);
    expect(found[1]?.message).toContain('"istio=egressgateway"');
  });

  it('with loose files, a selector matching nothing is not an error', () => {
    expect(briefs(analyzeFixture(gatewayIngressPort, fixture, { complete: false })).map((b) => b.split(' ')[0])).toEqual(['IST0162']);
  });
});
