import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { imageAuto } from './injection-image-auto.js';

const fixture = new URL('./injection-image-auto.fixture.yaml', import.meta.url);

describe('injection.ImageAutoAnalyzer', () => {
  it('reports the Deployment (warning) and the Pod (error) no Istio webhook selects, at the image', () => {
    const found = analyzeFixture(imageAuto, fixture);
    expect(briefs(found)).toEqual([
      'IST0146 Deployment plain/gw injection-image-auto.fixture.yaml:32:18',
      'IST0147 Pod plain/gw-pod injection-image-auto.fixture.yaml:57:14',
    ]);
    expect(found.map((d) => d.level)).toEqual(['Warning', 'Error']);
    expect(found[0]?.message).toContain('Deployment gw ');
  });

  it('says nothing when the files are not the whole cluster state', () => {
    expect(analyzeFixture(imageAuto, fixture, { complete: false })).toEqual([]);
  });
});
