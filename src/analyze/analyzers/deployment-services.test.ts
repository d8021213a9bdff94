import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { deploymentServices } from './deployment-services.js';

const found = analyzeFixture(deploymentServices, new URL('./deployment-services.fixture.yaml', import.meta.url));

describe('deployment.MultiServiceAnalyzer', () => {
  it('reports the conflicting deployments at their pod labels, and nothing in system namespaces', () => {
    expect(briefs(found)).toEqual([
      'IST0116 Deployment shop/reviews deployment-services.fixture.yaml:37:15',
      'IST0137 Deployment shop/details deployment-services.fixture.yaml:61:15',
    ]);
  });

  it('names the services, the port and the target port', () => {
    expect(found[0]?.message).toContain('[reviews-http, reviews-tcp]');
    expect(found[0]?.message).toContain('port 9080');
    expect(found[1]?.message).toContain('"8080"');
    expect(found[1]?.message).toContain('[80, 81]');
    expect(found[1]?.related.map((r) => r.origin)).toEqual(['Service shop/details-a', 'Service shop/details-b']);
  });
});
