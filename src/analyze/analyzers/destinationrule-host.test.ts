import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { destinationRuleHost } from './destinationrule-host.js';

const found = analyzeFixture(destinationRuleHost, new URL('./destinationrule-host.fixture.yaml', import.meta.url));

describe('destinationrule.HostAnalyzer', () => {
  it('reports only the rule whose host matches nothing, at the host', () => {
    expect(briefs(found)).toEqual(['IST0174 DestinationRule default/typo destinationrule-host.fixture.yaml:40:9']);
    expect(found[0]?.message).toContain('reveiws');
  });
});
