import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { telemetryProvider } from './telemetry-provider.js';

const fixture = new URL('./telemetry-provider.fixture.yaml', import.meta.url);

describe('telemetry.ProviderAnalyzer', () => {
  it('reports access logging that has neither its own nor a default provider', () => {
    const mesh = { meshConfig: { defaultProviders: { metrics: ['prometheus'] } } };
    expect(briefs(analyzeFixture(telemetryProvider, fixture, { mesh }))).toEqual(['IST0157 Telemetry shop/silent telemetry-provider.fixture.yaml:27:19']);
  });
  it('with a default access-log provider, nothing is reported', () => {
    expect(analyzeFixture(telemetryProvider, fixture, { mesh: { meshConfig: { defaultProviders: { accessLogging: ['envoy'] } } } })).toEqual([]);
  });
});
