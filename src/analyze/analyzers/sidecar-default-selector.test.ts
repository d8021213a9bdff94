import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { sidecarDefaultSelector } from './sidecar-default-selector.js';

describe('sidecar.DefaultSelectorAnalyzer', () => {
  it('reports every selector-less Sidecar of a namespace that has several', () => {
    const found = analyzeFixture(sidecarDefaultSelector, new URL('./sidecar-default-selector.fixture.yaml', import.meta.url));
    expect(briefs(found)).toEqual([
      'IST0111 Sidecar billing/one sidecar-default-selector.fixture.yaml:16:1',
      'IST0111 Sidecar billing/two sidecar-default-selector.fixture.yaml:21:1',
    ]);
    expect(found[0]?.message).toContain('[one, two]');
    expect(found[0]?.message).toContain('"billing"');
  });
});
