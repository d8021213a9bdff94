import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { telemetryProvider } from './telemetry-provider.js';

const fixture = new URL('./telemetry-provider.fixture.yaml', import.meta.url);

describe('telemetry.ProviderAnalyzer', () => {
  it('reports sections that have neither their own nor a default provider', () => {
    const mesh = { meshConfig: { defaultProviders: { metrics: ['prometheus'] } } };
    expect(briefs(analyzeFixture(telemetryProvider, fixture, { mesh }))).toEqual(['IST0157 Telemetry shop/traces telemetry-provider.fixture.yaml:21:5']);
  });
  it('with no default providers at all, the metrics section is ineffective too', () => {
    expect(briefs(analyzeFixture(telemetryProvider, fixture))).toEqual([
      'IST0157 Telemetry shop/metrics telemetry-provider.fixture.yaml:8:13',
      'IST0157 Telemetry shop/traces telemetry-provider.fixture.yaml:21:5',
    ]);
  });
});
