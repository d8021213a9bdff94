import { describe, expect, it } from 'vitest';
import { strategicMerge } from './merge.js';

describe('strategicMerge', () => {
  it('merges containers by name keeping order and appending new ones', () => {
    const pod = { spec: { containers: [{ name: 'app', image: 'a' }, { name: 'side', image: 's' }] } };
    const patch = { spec: { containers: [{ name: 'istio-proxy', image: 'p' }, { name: 'app', env: [{ name: 'X', value: '1' }] }] } };
    expect(strategicMerge(pod, patch)).toEqual({
      spec: {
        containers: [
          { name: 'app', image: 'a', env: [{ name: 'X', value: '1' }] },
          { name: 'side', image: 's' },
          { name: 'istio-proxy', image: 'p' },
        ],
      },
    });
  });

  it('merges env by name, ports by containerPort and volumeMounts by mountPath; replaces other lists', () => {
    const c = { env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80, name: 'http' }], args: ['x'], volumeMounts: [{ mountPath: '/a', name: 'v' }] };
    const p = { env: [{ name: 'A', value: '2' }, { name: 'B', value: '3' }], ports: [{ containerPort: 80, protocol: 'TCP' }], args: ['y'], volumeMounts: [{ mountPath: '/b', name: 'w' }] };
    expect(strategicMerge({ spec: { containers: [{ name: 'c', ...c }] } }, { spec: { containers: [{ name: 'c', ...p }] } })).toEqual({
      spec: {
        containers: [
          {
            name: 'c',
            env: [{ name: 'A', value: '2' }, { name: 'B', value: '3' }],
            ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }],
            args: ['y'],
            volumeMounts: [{ mountPath: '/a', name: 'v' }, { mountPath: '/b', name: 'w' }],
          },
        ],
      },
    });
  });

  it('deletes keys set to null and drops nulls inside new content; does not modify its inputs', () => {
    const original = { metadata: { labels: { a: '1', b: '2' } } };
    const patch = { metadata: { labels: { b: null } }, spec: { volumes: [{ name: 'v', emptyDir: null }] } };
    expect(strategicMerge(original, patch)).toEqual({ metadata: { labels: { a: '1' } }, spec: { volumes: [{ name: 'v' }] } });
    expect(original).toEqual({ metadata: { labels: { a: '1', b: '2' } } });
  });
});
