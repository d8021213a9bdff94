import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { k8sGatewaySelector } from './k8sgateway-selector.js';

describe('k8sgateway.SelectorAnalyzer', () => {
  it('reports selectors that pick Kubernetes Gateway pods', () => {
    const found = analyzeFixture(k8sGatewaySelector, new URL('./k8sgateway-selector.fixture.yaml', import.meta.url));
    expect(briefs(found)).toEqual(['IST0166 RequestAuthentication ingress/gw-policy k8sgateway-selector.fixture.yaml:23:5']);
    expect(found[0]?.message).toContain('web');
  });
});
