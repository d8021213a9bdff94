import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
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
});
