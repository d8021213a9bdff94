import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { virtualServiceJwtClaimRoute } from './virtualservice-jwt-claim-route.js';

const found = analyzeFixture(virtualServiceJwtClaimRoute, new URL('./virtualservice-jwt-claim-route.fixture.yaml', import.meta.url));

describe('virtualservice.JWTClaimRouteAnalyzer', () => {
  it('reports exactly the failing cases, at the offending node', () => {
    expect(briefs(found)).toEqual([
      'IST0149 VirtualService default/claims virtualservice-jwt-claim-route.fixture.yaml:42:13',
    ]);
  });
  it('names the claim, the gateway and the pod', () => {
    expect(found[0]?.message).toContain('@request.auth.claims.group');
    expect(found[0]?.message).toContain('istio-system/public');
    expect(found[0]?.message).toContain('public-gw-1');
  });
});
