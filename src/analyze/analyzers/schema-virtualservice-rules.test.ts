import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { schemaVirtualServiceRules } from './schema-virtualservice-rules.js';

const found = analyzeFixture(schemaVirtualServiceRules, new URL('./schema-virtualservice-rules.fixture.yaml', import.meta.url));

describe('schema.VirtualServiceRulesAnalyzer', () => {
  it('reports repeated matches and unreachable routes, at the match or route', () => {
    expect(briefs(found)).toEqual([
      'IST0131 VirtualService default/shadowed schema-virtualservice-rules.fixture.yaml:17:11',
      'IST0130 VirtualService default/shadowed schema-virtualservice-rules.fixture.yaml:19:7',
      'IST0131 VirtualService default/shadowed schema-virtualservice-rules.fixture.yaml:20:11',
      'IST0130 VirtualService default/shadowed schema-virtualservice-rules.fixture.yaml:25:7',
    ]);
  });

  it('names routes by name when they have one, by index otherwise, and points at the earlier route', () => {
    expect(found[0]?.message).toBe('Route #1 match #1 never matches: route "api" has the same match first');
    expect(found[3]?.message).toContain('Route "fallback2" is never used');
    expect(found[3]?.related[0]).toMatchObject({ line: 23, column: 7 });
  });
});
