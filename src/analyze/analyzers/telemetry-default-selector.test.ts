import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { telemetryDefaultSelector } from './telemetry-default-selector.js';

describe('telemetry.DefaultSelectorAnalyzer', () => {
  it('reports each selector-less Telemetry of a namespace that has several', () => {
    const found = analyzeFixture(telemetryDefaultSelector, new URL('./telemetry-default-selector.fixture.yaml', import.meta.url));
    expect(briefs(found)).toEqual([
      'IST0160 Telemetry billing/logs telemetry-default-selector.fixture.yaml:15:1',
      'IST0160 Telemetry billing/traces telemetry-default-selector.fixture.yaml:20:1',
    ]);
    expect(found[0]?.message).toContain('[logs, traces]');
  });
});
