import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { authzPolicies } from './authz-policies.js';

const fixture = new URL('./authz-policies.fixture.yaml', import.meta.url);

describe('authz.AuthorizationPoliciesAnalyzer', () => {
  it('reports policies without mesh workloads and unknown namespaces', () => {
    const found = analyzeFixture(authzPolicies, fixture);
    expect(briefs(found)).toEqual([
      'IST0101 AuthorizationPolicy shop/allow-frontend authz-policies.fixture.yaml:38:51',
      'IST0127 AuthorizationPolicy shop/orphan authz-policies.fixture.yaml:45:5',
      'IST0127 AuthorizationPolicy legacy/legacy-ns authz-policies.fixture.yaml:47:1',
    ]);
    expect(found[0]?.message).toContain('"frontent"');
    expect(found[1]?.message).toContain('app=ratings');
  });
  it('stays silent when the files are not the whole cluster', () => {
    expect(analyzeFixture(authzPolicies, fixture, { complete: false })).toEqual([]);
  });
});
