import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { servicePortName } from './service-port-name.js';

const found = analyzeFixture(servicePortName, new URL('./service-port-name.fixture.yaml', import.meta.url));

describe('service.PortNameAnalyzer', () => {
  it('reports ports without a declared protocol, at their name', () => {
    expect(briefs(found)).toEqual([
      'IST0118 Service default/web service-port-name.fixture.yaml:18:13',
      'IST0118 Service default/web service-port-name.fixture.yaml:21:13',
      'IST0150 Service default/legacy service-port-name.fixture.yaml:30:13',
      'IST0150 Service default/legacy service-port-name.fixture.yaml:32:13',
    ]);
  });

  it('names the port, its number and target port', () => {
    expect(found[0]?.message).toContain('name web (port 8080, targetPort 8081)');
    expect(found[1]?.message).toContain('(unnamed) (port 7000, targetPort 7000)');
  });
});
