import { describe, expect, it } from 'vitest';
import { parseResources } from '../resources/parse.js';
import { K } from './kinds.js';
import { Snapshot } from './snapshot.js';

const files = parseResources({
  name: 'f.yaml',
  text: `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop, labels: {from: file}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web, tier: front}}
    spec: {containers: [{name: web, image: web:1}]}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop, namespace: ignored}
---
apiVersion: example.com/v1
kind: Unknown
metadata: {name: x}
`,
}).resources;

const cluster = [
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'reviews', namespace: 'shop', labels: { from: 'cluster' } } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ratings', namespace: 'shop' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'shop' }, data: { key: 'c2VjcmV0' } },
  'not an object',
  { kind: 'NoApiVersion', metadata: {} },
];

describe('Snapshot', () => {
  const s = new Snapshot({ files, cluster: cluster as never, defaultNamespace: 'apps' });

  it('lets file objects override cluster objects with the same key, and keeps the others', () => {
    expect(s.all(K.Service).map((r) => `${r.name}:${r.labels.from ?? '-'}:${r.source.type}`)).toEqual(['ratings:-:cluster', 'reviews:file:file']);
  });

  it('puts namespace-less file objects in the default namespace, and cluster-scoped kinds in none', () => {
    expect(s.get(K.Deployment, 'apps', 'web')?.namespace).toBe('apps');
    expect(s.get(K.Namespace, '', 'shop')?.namespace).toBe('');
    expect(s.get(K.Namespace, 'whatever', 'shop')?.name).toBe('shop');
    expect(s.namespaceNames()).toEqual(['apps', 'shop']);
  });

  it('keeps unknown kinds (ignored by analyzers) and drops objects that are not resources', () => {
    expect(s.all('Unknown.example.com').map((r) => r.name)).toEqual(['x']);
    expect(s.size).toBe(7);
  });

  it('makes pods from workload templates when no Pod is given, linked to the workload', () => {
    const pods = s.all(K.Pod);
    expect(pods.map((p) => [p.namespace, p.name, p.derivedFrom?.resource.kind, p.derivedFrom?.pathPrefix.join('.')])).toEqual([['apps', 'web', 'Deployment', 'spec.template']]);
    expect(s.podsFromTemplates).toBe(true);
    const withPod = new Snapshot({ files, cluster: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'apps' } }] });
    expect(withPod.all(K.Pod).map((p) => p.name)).toEqual(['p']);
  });

  it('finds objects by labels, in one namespace or all', () => {
    expect(s.withLabels(K.Pod, 'apps', { app: 'web' }).map((p) => p.name)).toEqual(['web']);
    expect(s.withLabels(K.Pod, undefined, { app: 'web', tier: 'front' }).length).toBe(1);
    expect(s.withLabels(K.Pod, 'apps', { app: 'web', tier: 'back' })).toEqual([]);
    expect(s.withLabels(K.Pod, 'other', { app: 'web' })).toEqual([]);
    expect(s.withLabels(K.Pod, 'apps', {}).length).toBe(1);
  });
});
