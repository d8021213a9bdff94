import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { telemetrySelector } from './telemetry-selector.js';

describe('telemetry.SelectorAnalyzer', () => {
  it('reports an unmatched selector and both sides of a conflict', () => {
    const found = analyzeFixture(telemetrySelector, new URL('./telemetry-selector.fixture.yaml', import.meta.url));
    expect(briefs(found)).toEqual([
      'IST0101 Telemetry shop/ghost telemetry-selector.fixture.yaml:24:5',
      'IST0159 Telemetry shop/ratings-a telemetry-selector.fixture.yaml:30:13',
      'IST0159 Telemetry shop/ratings-b telemetry-selector.fixture.yaml:36:13',
    ]);
    expect(found[1]?.message).toContain('[ratings-a, ratings-b]');
  });
});
