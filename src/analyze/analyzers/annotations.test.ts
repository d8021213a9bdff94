import { describe, expect, it } from 'vitest';
import { analyzeFixture, analyzeText, briefs } from '../../../test/support/analyze-fixture.js';
import { annotationsK8s } from './annotations.js';

const found = analyzeFixture(annotationsK8s, new URL('./annotations.fixture.yaml', import.meta.url));

describe('annotations.K8sAnalyzer', () => {
  it('reports exactly the failing cases: keys for misplaced/unknown/deprecated, values for invalid', () => {
    expect(briefs(found)).toEqual([
      'IST0107 Deployment default/shop annotations.fixture.yaml:11:5',
      'IST0135 Deployment default/shop annotations.fixture.yaml:11:5',
      'IST0108 Service default/shop annotations.fixture.yaml:27:5',
      'IST0135 Pod default/legacy annotations.fixture.yaml:37:5',
      'IST0125 Pod default/legacy annotations.fixture.yaml:38:52',
      'IST0125 Pod default/legacy annotations.fixture.yaml:39:40',
    ]);
  });

  it('says where the annotation belongs, what replaces a deprecated one, and what is wrong with a value', () => {
    expect(found[0]?.message).toContain('belongs on Pod');
    expect(found[3]?.message).toContain('proxy.istio.io/config');
    expect(found[4]?.message).toContain('"http" is not a port number');
  });

  it.each([
    ['traffic.sidecar.istio.io/includeOutboundIPRanges', '10.0.0.0/8,fd00::/8', true],
    ['traffic.sidecar.istio.io/includeOutboundIPRanges', '10.0.0.0/33', false],
    ['sidecar.istio.io/interceptionMode', 'TPROXY', true],
    ['sidecar.istio.io/interceptionMode', 'NOT-A-MODE', false],
    // Values Istio's injector does not validate are not judged.
    ['sidecar.istio.io/proxyMemory', 'lots', true],
    ['sidecar.istio.io/inject', 'maybe', true],
    ['proxy.istio.io/config', 'holdApplicationUntilProxyStarts: true', true],
    ['proxy.istio.io/config', 'a: [', false],
    ['readiness.status.sidecar.istio.io/periodSeconds', '10', true],
    ['sidecar.istio.io/logLevel', 'loud', true],
    ['status.sidecar.istio.io/port', 'http', false],
  ])('%s=%s valid: %s', (key, value, valid) => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    ${key}: ${JSON.stringify(value)}\n`;
    expect(analyzeText(annotationsK8s, 'p.yaml', text).map((d) => d.code).filter((c) => c === 'IST0125')).toEqual(valid ? [] : ['IST0125']);
  });
});
