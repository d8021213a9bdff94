import { describe, expect, it } from 'vitest';
import type { Plan } from '../plan/plan.js';
import { createMemoryIO } from './io.js';
import { formatPlanJson, formatPlanText } from './plan.js';

const ref = (kind: string, name: string, namespace?: string) => ({ apiVersion: 'v1', kind, name, ...(namespace ? { namespace } : {}) });
const plan: Plan = {
  create: [{ ref: ref('ServiceAccount', 'istiod', 'istio-system'), name: 'ServiceAccount istio-system/istiod', component: 'Pilot' }],
  change: [
    {
      ref: ref('ConfigMap', 'istio', 'istio-system'),
      name: 'ConfigMap istio-system/istio',
      changes: [
        { path: 'data.mesh', before: 'a: 1\nb: 2\nc: 3\n', after: 'a: 1\nb: 5\nc: 3\n' },
        { path: 'metadata.labels.x', after: 'y' },
        { path: 'metadata.labels.old', before: 'z' },
      ],
    },
  ],
  prune: [{ ref: ref('Service', 'gone', 'istio-system'), name: 'Service istio-system/gone' }],
  unchanged: 7,
};

describe('plan printer', () => {
  it('shows creates, field changes (multi-line strings as changed lines) and prunes, then the summary', () => {
    expect(formatPlanText(plan, createMemoryIO().stdout)).toBe(
      [
        '+ create ServiceAccount istio-system/istiod',
        '~ change ConfigMap istio-system/istio',
        '    ~ data.mesh:',
        '        @@ line 2 @@',
        '        - b: 2',
        '        + b: 5',
        '    + metadata.labels.x: "y"',
        '    - metadata.labels.old: "z"',
        '- prune  Service istio-system/gone',
        'Plan: 1 to create, 1 to change, 1 to prune, 7 unchanged',
        '',
      ].join('\n'),
    );
  });

  it('JSON carries the object references and the field changes', () => {
    const doc = JSON.parse(formatPlanJson(plan)) as Record<string, unknown>;
    expect(doc.changes).toBe(true);
    expect(doc.summary).toEqual({ create: 1, change: 1, prune: 1, unchanged: 7 });
    expect(doc.prune).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'gone', namespace: 'istio-system' }]);
  });
});
