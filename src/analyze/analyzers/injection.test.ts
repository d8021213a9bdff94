import { describe, expect, it } from 'vitest';
import { analyzeFixture, analyzeText, briefs } from '../../../test/support/analyze-fixture.js';
import { injection } from './injection.js';

const fixture = new URL('./injection.fixture.yaml', import.meta.url);
const found = analyzeFixture(injection, fixture);

describe('injection.Analyzer', () => {
  it('reports exactly the failing cases', () => {
    expect(briefs(found)).toEqual([
      'IST0102 Namespace plain injection.fixture.yaml:5:1',
      'IST0123 Namespace both injection.fixture.yaml:14:5',
      'IST0103 Pod shop/old injection.fixture.yaml:33:1',
    ]);
  });

  it('gives the exact commands and names the labels', () => {
    expect(found[0]?.message).toContain("kubectl label namespace plain istio-injection=enabled");
    expect(found[1]?.message).toContain('[istio-injection, istio.io/rev]');
    expect(found[2]?.related.map((r) => r.origin)).toEqual(['Namespace shop']);
  });

  it('says IST0148 instead of IST0102 when the injector enables namespaces by default', () => {
    const configMap = `apiVersion: v1
kind: ConfigMap
metadata: {name: istio-sidecar-injector, namespace: istio-system}
data:
  values: '{"sidecarInjectorWebhook": {"enableNamespacesByDefault": true}}'`;
    expect(analyzeFixture(injection, fixture, { extra: configMap }).map((d) => d.code)).toEqual(['IST0148', 'IST0123', 'IST0103']);
  });

  it('does not expect a proxy in workload templates (added at admission)', () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {template: {spec: {containers: [{name: web, image: web:1}]}}}`;
    const text = `apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {istio-injection: enabled}}\n---\n${deployment}\n`;
    expect(briefs(analyzeText(injection, 'templates.yaml', text))).toEqual([]);
  });
});


describe('injection.Analyzer: ambient namespaces and label combinations', () => {
  const text = `apiVersion: v1
kind: Namespace
metadata: {name: amb, labels: {istio.io/dataplane-mode: ambient}}
---
apiVersion: v1
kind: Namespace
metadata: {name: amb-and-sidecar, labels: {istio.io/dataplane-mode: ambient, istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: off-with-rev, labels: {istio-injection: disabled, istio.io/rev: canary}}
`;
  it('does not ask ambient namespaces for injection, reports ambient plus injection, and lets disabled win', () => {
    expect(briefs(analyzeText(injection, 'ns.yaml', text))).toEqual(['IST0123 Namespace amb-and-sidecar ns.yaml:7:43']);
  });
});
