import { describe, expect, it } from 'vitest';
import { analyzeFixture, analyzeText, briefs } from '../../../test/support/analyze-fixture.js';
import { deploymentServices } from './deployment-services.js';

const found = analyzeFixture(deploymentServices, new URL('./deployment-services.fixture.yaml', import.meta.url));

describe('deployment.MultiServiceAnalyzer', () => {
  it('reports the conflicting deployments at their pod labels, and nothing in system namespaces', () => {
    expect(briefs(found)).toEqual([
      'IST0116 Deployment shop/reviews deployment-services.fixture.yaml:37:15',
      'IST0137 Deployment shop/details deployment-services.fixture.yaml:61:15',
    ]);
  });

  it('names the services, the port and the target port', () => {
    expect(found[0]?.message).toContain('[reviews-http, reviews-tcp]');
    expect(found[0]?.message).toContain('port 9080');
    expect(found[1]?.message).toContain('"8080"');
    expect(found[1]?.message).toContain('[80, 81]');
    expect(found[1]?.related.map((r) => r.origin)).toEqual(['Service shop/details-a', 'Service shop/details-b']);
  });

  it('checks only Deployments in the mesh (proxy container, inject label or annotation, injected namespace)', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: outside, namespace: plain}
spec: {template: {metadata: {labels: {app: x}}, spec: {containers: [{name: app}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: opted-in, namespace: plain}
spec: {template: {metadata: {labels: {app: x, sidecar.istio.io/inject: "true"}}, spec: {containers: [{name: app}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: x-http, namespace: plain}
spec: {selector: {app: x}, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: x-tcp, namespace: plain}
spec: {selector: {app: x}, ports: [{name: tcp, port: 80}]}
`;
    expect(analyzeText(deploymentServices, 'mesh.yaml', text).map((d) => `${d.code} ${d.origin}`)).toEqual(['IST0116 Deployment plain/opted-in']);
  });
});
