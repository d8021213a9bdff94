import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { externalControlPlane } from './externalcontrolplane.js';

describe('externalcontrolplane.ExternalControlPlaneAnalyzer', () => {
  it('reports IP addresses, missing URLs and plain http', () => {
    const found = analyzeFixture(externalControlPlane, new URL('./externalcontrolplane.fixture.yaml', import.meta.url));
    expect(briefs(found)).toEqual([
      'IST0164 ValidatingWebhookConfiguration istio-validator-external-istiod externalcontrolplane.fixture.yaml:25:10',
      'IST0163 ValidatingWebhookConfiguration istio-validator-external-istiod externalcontrolplane.fixture.yaml:27:17',
      'IST0163 MutatingWebhookConfiguration istio-sidecar-injector-external-istiod externalcontrolplane.fixture.yaml:34:23',
    ]);
    expect(found[0]?.message).toContain('203.0.113.7');
    expect(found[1]?.message).toContain('is blank');
    expect(found[2]?.message).toContain('does not use https');
  });
});
