import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.js';
import { diffObject, parseQuantity } from './diff.js';

const desired: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'istiod', namespace: 'istio-system', labels: { app: 'istiod' } },
  spec: {
    replicas: 1,
    template: { spec: { containers: [{ name: 'discovery', image: 'istio/pilot:1.31.4', args: ['discovery'], env: [{ name: 'A', value: '1' }] }] } },
  },
};

/** What a server returns: defaults, status, managedFields and server metadata added. */
function live(mutate: (o: KubeObject & { spec: any }) => void = () => {}): KubeObject {
  const o = structuredClone(desired) as KubeObject & { spec: any };
  o.metadata = { ...o.metadata, uid: 'u', resourceVersion: '9', generation: 3, creationTimestamp: 'x', managedFields: [{ manager: 'kube-controller-manager', operation: 'Update' }] };
  o.spec.strategy = { type: 'RollingUpdate' };
  o.spec.template.spec.containers[0].imagePullPolicy = 'IfNotPresent';
  o.spec.template.spec.containers[0].terminationMessagePath = '/dev/termination-log';
  o.status = { readyReplicas: 1 };
  mutate(o);
  return o;
}

describe('diffObject', () => {
  it('ignores server defaults, status and server metadata', () => {
    expect(diffObject(desired, live())).toEqual([]);
  });

  it('reports a changed field by its path, list items by name', () => {
    const changes = diffObject(desired, live((o) => (o.spec.template.spec.containers[0].image = 'istio/pilot:1.30.0')));
    expect(changes).toEqual([{ path: 'spec.template.spec.containers[name=discovery].image', before: 'istio/pilot:1.30.0', after: 'istio/pilot:1.31.4' }]);
  });

  it('reports added and removed named items and positional list changes', () => {
    const changes = diffObject(
      desired,
      live((o) => {
        o.spec.template.spec.containers[0].env = [{ name: 'B', value: '2' }];
        o.spec.template.spec.containers[0].args = ['discovery', '--log'];
      }),
    );
    expect(changes.map((c) => c.path)).toEqual([
      'spec.template.spec.containers[name=discovery].args',
      'spec.template.spec.containers[name=discovery].env[name=A]',
      'spec.template.spec.containers[name=discovery].env[name=B]',
    ]);
  });

  it('never reports caBundle that istiod fills in', () => {
    const hook: KubeObject = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'x' }, webhooks: [{ name: 'a.istio.io', clientConfig: { service: { name: 'istiod' } } }] };
    const withCa = structuredClone(hook);
    (withCa.webhooks as any)[0].clientConfig.caBundle = 'LS0t';
    expect(diffObject(hook, withCa)).toEqual([]);
  });

  it('reports fields sailctl applied before and no longer sets (from its managedFields)', () => {
    const current = live((o) => {
      o.metadata.labels = { app: 'istiod', old: 'x' };
      o.metadata.managedFields = [{ manager: 'sailctl', operation: 'Apply', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {}, 'f:old': {} } }, 'f:spec': { 'f:replicas': {} } } }];
    });
    expect(diffObject(desired, current)).toEqual([{ path: 'metadata.labels.old', before: 'x' }]);
  });

  it('a field set by someone else and not by sailctl is not a change', () => {
    expect(diffObject(desired, live((o) => (o.metadata.labels = { app: 'istiod', team: 'mesh' })))).toEqual([]);
  });

  it('compares resource quantities by value, as the API server stores them canonically (found on a real kube-apiserver)', () => {
    const deploy = (limits: Record<string, unknown>): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'gw', namespace: 'istio-system' }, spec: { template: { spec: { containers: [{ name: 'istio-proxy', resources: { limits } }] } } } });
    expect(diffObject(deploy({ cpu: '2000m', memory: '1024Mi' }), deploy({ cpu: '2', memory: '1Gi' }))).toEqual([]);
    expect(diffObject(deploy({ cpu: 2, memory: '1e9' }), deploy({ cpu: '2', memory: '1G' }))).toEqual([]);
    expect(diffObject(deploy({ cpu: '2100m' }), deploy({ cpu: '2' }))).toEqual([{ path: 'spec.template.spec.containers[name=istio-proxy].resources.limits.cpu', before: '2', after: '2100m' }]);
  });

  it('a zero value the server drops (omitempty) is not a change, a non-zero one is', () => {
    const deploy = (env: Array<Record<string, unknown>>): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'istiod', namespace: 'istio-system' }, spec: { template: { spec: { containers: [{ name: 'discovery', env }] } } } });
    expect(diffObject(deploy([{ name: 'PLATFORM', value: '' }]), deploy([{ name: 'PLATFORM' }]))).toEqual([]);
    expect(diffObject(deploy([{ name: 'PLATFORM', value: 'gke' }]), deploy([{ name: 'PLATFORM' }]))).toEqual([{ path: 'spec.template.spec.containers[name=discovery].env[name=PLATFORM].value', after: 'gke' }]);
  });

  it('parses quantities in every suffix form', () => {
    expect([parseQuantity('100m'), parseQuantity('1Ki'), parseQuantity('1.5G'), parseQuantity('2e3'), parseQuantity(3), parseQuantity('abc'), parseQuantity('1x')]).toEqual([0.1, 1024, 1.5e9, 2000, 3, undefined, undefined]);
  });
});
