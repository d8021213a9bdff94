import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.js';
import { diffManifests, diffValues, formatDiffText, ignorePaths } from './diff.js';

const dep = (image: string, env: Array<{ name: string; value: string }>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'istiod', namespace: 'istio-system' },
  spec: { template: { spec: { containers: [{ name: 'discovery', image, env }] } } },
});
const cm = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'istio-system' }, data: { a: '1' } });

describe('diffValues', () => {
  it('reports changed, added and removed fields with paths; named list items by name', () => {
    const changes = diffValues(dep('a:1', [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }]), dep('a:2', [{ name: 'X', value: '9' }, { name: 'Z', value: '3' }]));
    expect(changes).toEqual([
      { path: 'spec.template.spec.containers[name=discovery].env[name=X].value', before: '1', after: '9' },
      { path: 'spec.template.spec.containers[name=discovery].env[name=Y]', before: { name: 'Y', value: '2' } },
      { path: 'spec.template.spec.containers[name=discovery].env[name=Z]', after: { name: 'Z', value: '3' } },
      { path: 'spec.template.spec.containers[name=discovery].image', before: 'a:1', after: 'a:2' },
    ]);
  });
  it('compares other lists by position and sees reordering of named items', () => {
    expect(diffValues({ args: ['a', 'b'] }, { args: ['a', 'c', 'd'] })).toEqual([
      { path: 'args[1]', before: 'b', after: 'c' },
      { path: 'args[2]', after: 'd' },
    ]);
    expect(diffValues([{ name: 'a' }, { name: 'b' }], [{ name: 'b' }, { name: 'a' }])).toHaveLength(1);
  });
  it('equal values give no changes', () => {
    expect(diffValues(dep('a', []), dep('a', []))).toEqual([]);
  });
});

describe('diffManifests', () => {
  it('matches objects by kind, namespace and name', () => {
    const diffs = diffManifests([dep('a', []), cm('old')], [dep('b', []), cm('new')]);
    expect(diffs.map((d) => [d.key, d.status])).toEqual([
      ['ConfigMap:istio-system:new', 'added'],
      ['ConfigMap:istio-system:old', 'removed'],
      ['Deployment:istio-system:istiod', 'changed'],
    ]);
    expect(formatDiffText(diffs, { a: 'A', b: 'B' })).toBe(
      '+ ConfigMap:istio-system:new (only in B)\n- ConfigMap:istio-system:old (only in A)\n~ Deployment:istio-system:istiod\n' +
        '    ~ spec.template.spec.containers[name=discovery].image: "a" -> "b"\n',
    );
  });
  it('--ignore leaves fields out', () => {
    expect(diffManifests([dep('a', [])], [dep('b', [])], ignorePaths(['spec.template.spec.containers']))).toEqual([]);
  });
});
