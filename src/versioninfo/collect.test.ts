import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.js';
import { controlPlaneVersions, dataPlaneVersions, imageTag } from './collect.js';

describe('imageTag', () => {
  it.each([
    ['docker.io/istio/pilot:1.31.4', '1.31.4'],
    ['localhost:5000/istio/proxyv2:1.30.0-distroless', '1.30.0-distroless'],
    ['localhost:5000/istio/proxyv2', 'unknown'],
    ['istio/proxyv2@sha256:abc', 'unknown'],
    [undefined, 'unknown'],
  ])('%s -> %s', (image, tag) => {
    expect(imageTag(image)).toBe(tag);
  });
});

const istiod = (rev: string | undefined, tag: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: rev ? `istiod-${rev}` : 'istiod', namespace: 'istio-system', labels: { app: 'istiod', ...(rev ? { 'istio.io/rev': rev } : {}) } },
  spec: { template: { spec: { containers: [{ name: 'discovery', image: `docker.io/istio/pilot:${tag}` }] } } },
});

const pod = (tag: string, injected = true): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', annotations: injected ? { 'sidecar.istio.io/status': '{}' } : {} },
  spec: { containers: [{ name: 'app', image: 'app:1' }, { name: 'istio-proxy', image: `docker.io/istio/proxyv2:${tag}` }] },
});

describe('versions', () => {
  it('reads istiod versions per revision, sorted', () => {
    expect(controlPlaneVersions([istiod('canary', '1.32.0'), istiod(undefined, '1.31.4')]).map((c) => [c.revision, c.version])).toEqual([
      ['canary', '1.32.0'],
      ['default', '1.31.4'],
    ]);
  });
  it('counts injected proxies per version and ignores pods without the status annotation', () => {
    expect(dataPlaneVersions([pod('1.31.4'), pod('1.31.4'), pod('1.30.1'), pod('1.29.0', false)])).toEqual([
      { version: '1.30.1', revision: 'default', proxies: 1 },
      { version: '1.31.4', revision: 'default', proxies: 2 },
    ]);
  });
});
