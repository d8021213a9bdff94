import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { k8sGatewayCrdVersion } from './k8sgateway-crd-version.js';

describe('k8sgateway.CRDVersionAnalyzer', () => {
  it('reports Gateway API CRDs that do not serve the version Istio reads', () => {
    const found = analyzeFixture(k8sGatewayCrdVersion, new URL('./k8sgateway-crd-version.fixture.yaml', import.meta.url));
    expect(briefs(found)).toEqual(['IST0176 CustomResourceDefinition grpcroutes.gateway.networking.k8s.io k8sgateway-crd-version.fixture.yaml:25:3']);
    expect(found[0]?.message).toContain('"v1.0.0"');
    expect(found[0]?.message).toContain('"v1.1.0"');
  });
});
