import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { gatewayConflict } from './gateway-conflict.js';

const found = analyzeFixture(gatewayConflict, new URL('./gateway-conflict.fixture.yaml', import.meta.url));

describe('gateway.ConflictingGatewayAnalyzer', () => {
  it('reports both sides of the conflict, at their hosts, also across a selector and its sub-selector', () => {
    expect(briefs(found)).toEqual([
      'IST0145 Gateway web/wild gateway-conflict.fixture.yaml:11:14',
      'IST0145 Gateway web/shop gateway-conflict.fixture.yaml:21:9',
      'IST0145 Gateway web/blog gateway-conflict.fixture.yaml:49:14',
      'IST0145 Gateway web/edge gateway-conflict.fixture.yaml:69:14',
      'IST0101 Gateway web/ghost gateway-conflict.fixture.yaml:75:13',
    ]);
  });

  it('names the other gateway, the selector, the port and the hosts', () => {
    expect(found[0]?.message).toContain('web/shop');
    expect(found[0]?.message).toContain('istio=ingressgateway');
    expect(found[0]?.message).toContain('port 80');
    expect(found[1]?.message).toContain('shop.example.com');
  });
});
