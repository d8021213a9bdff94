import { describe, expect, it } from 'vitest';
import { analyzeFixture, analyzeText, briefs } from '../../../test/support/analyze-fixture.js';
import { applicationUid } from './application-uid.js';

describe('applicationUID.Analyzer', () => {
  it('reports pods and deployment containers running as 1337, at the runAsUser field', () => {
    const found = analyzeFixture(applicationUid, new URL('./application-uid.fixture.yaml', import.meta.url));
    expect(briefs(found)).toEqual([
      'IST0144 Pod shop/batch application-uid.fixture.yaml:21:16',
      'IST0144 Deployment shop/jobs application-uid.fixture.yaml:38:22',
    ]);
  });

  it('checks a Deployment once, not again through the pod made from its template', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: x}\nspec:\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n      containers: [{name: c, securityContext: {runAsUser: 1337}}]\n';
    expect(briefs(analyzeText(applicationUid, 'd.yaml', text))).toEqual(['IST0144 Deployment x/d d.yaml:8:59']);
  });
});
