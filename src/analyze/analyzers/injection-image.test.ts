import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { injectionImage } from './injection-image.js';

const found = analyzeFixture(injectionImage, new URL('./injection-image.fixture.yaml', import.meta.url));

describe('injection.ImageAnalyzer', () => {
  it('reports the injected namespace with a stale proxy, naming only the stale pod', () => {
    expect(briefs(found)).toEqual(['IST0158 Namespace shop injection-image.fixture.yaml:10:1']);
    expect(found[0]?.message).toContain('[old]');
    expect(found[0]?.related).toEqual([
      expect.objectContaining({ origin: 'Pod shop/old', message: 'runs docker.io/istio/proxyv2:1.30.0, injection now uses docker.io/istio/proxyv2:1.31.4' }),
    ]);
  });
});
