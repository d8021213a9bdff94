import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { virtualServiceIngressSubset } from './virtualservice-ingress-subset.js';

const found = analyzeFixture(virtualServiceIngressSubset, new URL('./virtualservice-ingress-subset.fixture.yaml', import.meta.url));

describe('virtualservice.IngressRouteRulesAnalyzer', () => {
  it('reports exactly the failing cases, at the offending node', () => {
    expect(briefs(found)).toEqual([
      'IST0140 VirtualService default/entry virtualservice-ingress-subset.fixture.yaml:26:19',
    ]);
  });
  it('names the mesh VirtualService with the subsets and the gateway one', () => {
    expect(found[0]?.message).toContain('default/reviews-split');
    expect(found[0]?.message).toContain('default/entry');
  });
});
