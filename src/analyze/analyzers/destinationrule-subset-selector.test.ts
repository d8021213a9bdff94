import { describe, expect, it } from 'vitest';
import { analyzeFixture, analyzeText, briefs } from '../../../test/support/analyze-fixture.js';
import { destinationRuleSubsetChecks, destinationRuleSubsetSelector } from './destinationrule-subset-selector.js';

const fixture = new URL('./destinationrule-subset-selector.fixture.yaml', import.meta.url);

describe('destinationrule.SubsetSelectorAnalyzer', () => {
  it('reports the subset that selects no pod of the service, at its labels', () => {
    const found = analyzeFixture(destinationRuleSubsetChecks, fixture);
    expect(briefs(found)).toEqual(['IST0173 DestinationRule default/reviews destinationrule-subset-selector.fixture.yaml:35:9']);
    expect(found[0]?.message).toContain('Subset v3');
    expect(found[0]?.related.map((r) => r.origin)).toEqual(['Service default/reviews']);
  });

  it('stays silent when the files are not the whole cluster state', () => {
    expect(analyzeFixture(destinationRuleSubsetChecks, fixture, { complete: false })).toEqual([]);
  });

  it('uses workload templates as pods when no Pod is given, and reports on the rule', () => {
    const text = `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: default}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-v1, namespace: default}
spec:
  template:
    metadata: {labels: {app: reviews, version: v1}}
    spec: {containers: [{name: app, image: reviews:1}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: default}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
`;
    expect(briefs(analyzeText(destinationRuleSubsetChecks, 'templates.yaml', text))).toEqual(['IST0173 DestinationRule default/reviews templates.yaml:19:67']);
  });
});

describe('destinationrule.SubsetSelectPodAnalyzer (Istio\'s name: the host check and the subset check)', () => {
  it('reports the unknown host and the subset that selects no pod', () => {
    expect(briefs(analyzeFixture(destinationRuleSubsetSelector, fixture))).toEqual([
      'IST0173 DestinationRule default/reviews destinationrule-subset-selector.fixture.yaml:35:9',
      'IST0174 DestinationRule default/external destinationrule-subset-selector.fixture.yaml:54:9',
    ]);
    expect(destinationRuleSubsetSelector.meta.aliases).toEqual(['destinationrule.SubsetSelectorAnalyzer', 'destinationrule.HostAnalyzer']);
  });
});
