import { describe, expect, it } from 'vitest';
import { analyzeFixture, analyzeText, briefs } from '../../../test/support/analyze-fixture.js';
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

  it('treats REMOVE as relative, accepts REPLACE on VIRTUAL_HOST, and reports a code once per EnvoyFilter', () => {
    const text = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: several, namespace: shop}
spec:
  configPatches:
    - {applyTo: NETWORK_FILTER, patch: {operation: REMOVE}}
    - {applyTo: HTTP_FILTER, patch: {operation: INSERT_BEFORE}}
    - {applyTo: VIRTUAL_HOST, patch: {operation: REPLACE}}
`;
    expect(briefs(analyzeText(envoyFilterPatch, 'ef.yaml', text))).toEqual(['IST0151 EnvoyFilter shop/several ef.yaml:6:52']);
  });
});
