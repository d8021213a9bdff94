import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { virtualServiceDestinationRule } from './virtualservice-destination-rule.js';

const found = analyzeFixture(virtualServiceDestinationRule, new URL('./virtualservice-destination-rule.fixture.yaml', import.meta.url));

describe('virtualservice.DestinationRuleAnalyzer', () => {
  it('reports exactly the failing cases, at the offending node', () => {
    expect(briefs(found)).toEqual([
      'IST0101 VirtualService default/bad virtualservice-destination-rule.fixture.yaml:32:21',
      'IST0101 VirtualService default/bad virtualservice-destination-rule.fixture.yaml:37:21',
    ]);
  });
  it('names host+subset and points at the DestinationRule that lacks the subset', () => {
    expect(found[0]?.message).toContain('"reviews+v3"');
    expect(found[0]?.related.map((r) => r.origin)).toEqual(['DestinationRule default/reviews']);
    expect(found[1]?.message).toContain('"ratings+v1"');
    expect(found[1]?.related).toEqual([]);
  });
});
