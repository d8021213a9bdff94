import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { deprecation } from './deprecation.js';

const found = analyzeFixture(deprecation, new URL('./deprecation.fixture.yaml', import.meta.url));

describe('deprecation.DeprecationAnalyzer', () => {
  it('reports each deprecated field at its key, and nothing for the replacements', () => {
    expect(briefs(found)).toEqual([
      'IST0002 VirtualService default/old deprecation.fixture.yaml:12:7',
      'IST0002 VirtualService default/old deprecation.fixture.yaml:14:9',
      'IST0002 VirtualService default/old deprecation.fixture.yaml:17:11',
      'IST0002 Sidecar default/egress deprecation.fixture.yaml:41:5',
      'IST0002 CustomResourceDefinition referencepolicies.gateway.networking.k8s.io deprecation.fixture.yaml:48:17',
    ]);
  });

  it('names the replacement', () => {
    expect(found[0]?.message).toBe('Uses a deprecated feature: http.mirrorPercent (replaced by http.mirrorPercentage)');
  });
});
