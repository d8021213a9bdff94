import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { envoyFilterPatch } from './envoyfilter-patch.js';

describe('envoyfilter.EnvoyPatchAnalyzer', () => {
  it('reports each misused operation at the operation field', () => {
    const found = analyzeFixture(envoyFilterPatch, new URL('./envoyfilter-patch.fixture.yaml', import.meta.url));
    expect(briefs(found)).toEqual([
      'IST0151 EnvoyFilter shop/no-priority envoyfilter-patch.fixture.yaml:23:18',
      'IST0155 EnvoyFilter shop/versioned envoyfilter-patch.fixture.yaml:33:24',
      'IST0152 EnvoyFilter shop/bad-ops envoyfilter-patch.fixture.yaml:42:24',
      'IST0153 EnvoyFilter shop/bad-ops envoyfilter-patch.fixture.yaml:44:24',
      'IST0154 EnvoyFilter shop/bad-ops envoyfilter-patch.fixture.yaml:46:24',
    ]);
  });
});
