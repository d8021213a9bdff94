import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { telemetryLightstep } from './telemetry-lightstep.js';

const fixture = new URL('./telemetry-lightstep.fixture.yaml', import.meta.url);
const meshConfig = {
  extensionProviders: [
    { name: 'otel', opentelemetry: { service: 'otel-collector', port: 4317 } },
    { name: 'ls', lightstep: { address: 'ingest.lightstep.com:443', accessToken: 'redacted-in-fixture' } },
  ],
  defaultProviders: { tracing: ['ls'] },
};
const mesh = (config: Record<string, unknown>) => ({ mesh: { meshConfig: config, istioNamespace: 'istio-system', revision: '' } });

describe('telemetry.LightstepAnalyzer', () => {
  it('reports the Telemetries that trace with the Lightstep provider, by name or by default', () => {
    const found = analyzeFixture(telemetryLightstep, fixture, mesh(meshConfig));
    expect(briefs(found)).toEqual(['IST0002 Telemetry shop/traced telemetry-lightstep.fixture.yaml:8:13', 'IST0002 Telemetry shop/by-default telemetry-lightstep.fixture.yaml:14:13']);
    expect(found[0]?.message).toContain('"ls"');
    expect(JSON.stringify(found)).not.toContain('redacted-in-fixture');
  });
  it('is silent without a Lightstep provider', () => {
    expect(analyzeFixture(telemetryLightstep, fixture, mesh({ extensionProviders: [] }))).toEqual([]);
  });
});
