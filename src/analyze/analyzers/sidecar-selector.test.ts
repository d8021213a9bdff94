import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { sidecarSelector } from './sidecar-selector.js';

const fixture = new URL('./sidecar-selector.fixture.yaml', import.meta.url);

describe('sidecar.SelectorAnalyzer', () => {
  const found = analyzeFixture(sidecarSelector, fixture);
  it('reports unmatched selectors, conflicts on both sidecars, and ambient-only selection', () => {
    expect(briefs(found)).toEqual([
      'IST0101 Sidecar shop/ghost sidecar-selector.fixture.yaml:36:5',
      'IST0110 Sidecar shop/ratings-a sidecar-selector.fixture.yaml:42:21',
      'IST0110 Sidecar shop/ratings-b sidecar-selector.fixture.yaml:48:21',
      'IST0167 Sidecar mesh/ambient-only sidecar-selector.fixture.yaml:54:21',
    ]);
    expect(found[0]?.message).toContain('"app=ghost"');
    expect(found[1]?.message).toContain('[ratings-a, ratings-b]');
    expect(found[1]?.message).toContain('"ratings-1"');
  });
  it('stays silent when the files are not the whole cluster', () => {
    expect(analyzeFixture(sidecarSelector, fixture, { complete: false })).toEqual([]);
  });
});
