import { describe, expect, it } from 'vitest';
import { analyzeFixture, analyzeText, briefs } from '../../../test/support/analyze-fixture.js';
import { virtualServiceDestinationHost } from './virtualservice-destination-host.js';

const found = analyzeFixture(virtualServiceDestinationHost, new URL('./virtualservice-destination-host.fixture.yaml', import.meta.url));

describe('virtualservice.DestinationHostAnalyzer', () => {
  it('reports exactly the failing cases, at the offending node', () => {
    expect(briefs(found)).toEqual([
      'IST0101 VirtualService default/bad virtualservice-destination-host.fixture.yaml:46:19',
      'IST0112 VirtualService default/bad virtualservice-destination-host.fixture.yaml:48:13',
      'IST0101 VirtualService default/bad virtualservice-destination-host.fixture.yaml:52:19',
    ]);
  });
  it('names the host, the ports and the service it looked at', () => {
    expect(found.map((d) => d.message)).toEqual([
      expect.stringContaining('"reviewz"'),
      expect.stringContaining('[9080, 9090]'),
      expect.stringContaining('"reviews:8080"'),
    ]);
    expect(found[1]?.related[0]?.origin).toBe('Service default/ratings');
  });

  it('sees only services exported to the VirtualService, and names mirror hosts as such', () => {
    const text = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: private, namespace: a}
spec: {hosts: [api.example.com], exportTo: ["."], ports: [{number: 443, name: https, protocol: HTTPS}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: same-ns, namespace: a}
spec: {hosts: [x], http: [{route: [{destination: {host: api.example.com}}]}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: other-ns, namespace: b}
spec: {hosts: [x], http: [{route: [{destination: {host: api.example.com}}], mirror: {host: nowhere.example.com}}]}
`;
    const found = analyzeText(virtualServiceDestinationHost, 'export.yaml', text);
    expect(found.map((d) => `${d.code} ${d.origin} ${d.message.includes('mirror host') ? 'mirror' : 'route'}`)).toEqual([
      'IST0101 VirtualService b/other-ns route',
      'IST0101 VirtualService b/other-ns mirror',
    ]);
  });
});
