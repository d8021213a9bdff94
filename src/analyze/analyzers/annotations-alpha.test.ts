import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { annotationsAlpha } from './annotations-alpha.js';

describe('annotations.AlphaAnalyzer', () => {
  it('reports alpha-phase annotations at the key, and is opt-in', () => {
    const found = analyzeFixture(annotationsAlpha, new URL('./annotations-alpha.fixture.yaml', import.meta.url));
    expect(briefs(found)).toEqual(['IST0136 Pod default/debug annotations-alpha.fixture.yaml:10:5']);
    expect(found[0]?.message).toContain('sidecar.istio.io/enableCoreDump');
    expect(annotationsAlpha.meta.optIn).toBe(true);
  });
});
