import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { telemetryLightstep } from './telemetry-lightstep.js';

const fixture = new URL('./telemetry-lightstep.fixture.yaml', import.meta.url);
const meshConfig = {
  extensionProviders: [
    { name: 'otel', opentelemetry: { service: 'otel-collector', port: 4317 } },
    { name: 'ls', lightstep: { address: 'ingest.lightstep.com:443' } },
  ],
};

describe('telemetry.LightstepAnalyzer', () => {
  it('reports the Lightstep provider on the MeshConfig resource, as Istio does', () => {
    const found = analyzeFixture(telemetryLightstep, fixture, { mesh: { meshConfig, istioNamespace: 'istio-system', revision: '' } });
    expect(briefs(found)).toEqual(['IST0002 MeshConfig istio-system/meshconfig']);
    expect(found[0]?.message).toContain('"ls"');
    expect(found[0]?.message).not.toContain('redacted-in-fixture');
  });
  it('is silent without a Lightstep provider', () => {
    expect(analyzeFixture(telemetryLightstep, fixture, { mesh: { meshConfig: { extensionProviders: [] }, istioNamespace: 'istio-system', revision: '' } })).toEqual([]);
  });
});
