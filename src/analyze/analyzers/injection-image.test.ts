import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { injectionImage, withImageType } from './injection-image.js';

const found = analyzeFixture(injectionImage, new URL('./injection-image.fixture.yaml', import.meta.url));

describe('injection.ImageAnalyzer', () => {
  it('reports the injected namespace with a stale proxy, naming only the stale pod', () => {
    expect(briefs(found)).toEqual(['IST0158 Namespace shop injection-image.fixture.yaml:10:1']);
    expect(found[0]?.message).toContain('[old]');
    expect(found[0]?.related).toEqual([
      expect.objectContaining({ origin: 'Pod shop/old', message: 'runs docker.io/istio/proxyv2:1.30.0, injection now uses docker.io/istio/proxyv2:1.31.4' }),
    ]);
  });

  it('expects the image of the pod\'s image type, replacing a type suffix already there', () => {
    expect(withImageType('hub/proxyv2:1.3.1', 'distroless')).toBe('hub/proxyv2:1.3.1-distroless');
    expect(withImageType('hub/proxyv2:1.3.1-debug', 'distroless')).toBe('hub/proxyv2:1.3.1-distroless');
    expect(withImageType('hub/proxyv2:1.3.1-distroless', 'default')).toBe('hub/proxyv2:1.3.1');
    expect(withImageType('localhost:5000/proxyv2', 'distroless')).toBe('localhost:5000/proxyv2');
    expect(withImageType('hub/proxyv2:1.3.1', undefined)).toBe('hub/proxyv2:1.3.1');
  });

  it('compares a pod with the injector of its namespace\'s revision, and accepts its image type', () => {
    const extra = `apiVersion: v1
kind: Namespace
metadata: {name: distroless, labels: {istio-injection: enabled}}
---
apiVersion: networking.istio.io/v1beta1
kind: ProxyConfig
metadata: {name: pc, namespace: distroless}
spec: {image: {imageType: distroless}}
---
apiVersion: v1
kind: Pod
metadata: {name: slim, namespace: distroless}
spec: {containers: [{name: istio-proxy, image: "docker.io/istio/proxyv2:1.31.4-distroless"}]}
---
apiVersion: v1
kind: Namespace
metadata: {name: canary, labels: {istio.io/rev: canary}}
---
apiVersion: v1
kind: Pod
metadata: {name: any, namespace: canary}
spec: {containers: [{name: istio-proxy, image: "docker.io/istio/proxyv2:0.1"}]}
`;
    // No injector ConfigMap for revision canary: nothing to compare with.
    expect(briefs(analyzeFixture(injectionImage, new URL('./injection-image.fixture.yaml', import.meta.url), { extra }))).toEqual(briefs(found));
  });
});
