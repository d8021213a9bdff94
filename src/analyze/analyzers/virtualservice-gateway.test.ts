import { describe, expect, it } from 'vitest';
import { analyzeFixture, analyzeText, briefs } from '../../../test/support/analyze-fixture.js';
import { virtualServiceGateway } from './virtualservice-gateway.js';

const fixture = new URL('./virtualservice-gateway.fixture.yaml', import.meta.url);

describe('virtualservice.GatewayAnalyzer', () => {
  const found = analyzeFixture(virtualServiceGateway, fixture);

  it('reports exactly the failing cases, at the offending entries', () => {
    expect(briefs(found)).toEqual([
      'IST0101 VirtualService default/missing virtualservice-gateway.fixture.yaml:38:7',
      'IST0101 VirtualService default/missing virtualservice-gateway.fixture.yaml:41:28',
      'IST0132 VirtualService default/wronghost virtualservice-gateway.fixture.yaml:52:14',
      'IST0165 VirtualService default/internal virtualservice-gateway.fixture.yaml:61:14',
    ]);
  });

  it('names the missing gateway and hosts in the text, and points at the gateway servers', () => {
    expect(found[0]?.message).toContain('"bogus-gateway"');
    const host = found.find((d) => d.code === 'IST0132');
    expect(host?.message).toContain('shop.example.net');
    expect(host?.message).toContain('only-other.example.org');
    expect(host?.related).toEqual([
      { file: 'virtualservice-gateway.fixture.yaml', line: 14, column: 5, origin: 'Gateway default/bookinfo-gateway', message: 'the Gateway servers' },
    ]);
  });

  it('does not report the passing VirtualService', () => {
    expect(found.some((d) => d.origin.endsWith('/good'))).toBe(false);
  });

  it('accepts a Gateway API Gateway, by its listeners\' hostnames, and needs only one host served', () => {
    const text = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: default}
spec:
  gatewayClassName: istio
  listeners: [{name: http, hostname: example.com, port: 80, protocol: HTTP}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ok, namespace: default}
spec: {hosts: [example.com, other.example.org], gateways: [edge]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: elsewhere, namespace: default}
spec: {hosts: [wrong.example.com], gateways: [default/edge]}
`;
    expect(briefs(analyzeText(virtualServiceGateway, 'k8s.yaml', text))).toEqual(['IST0132 VirtualService default/elsewhere k8s.yaml:16:47']);
  });
});
