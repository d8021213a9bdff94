import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { transformStream } from './stream.js';

const text = [
  '# leading comment',
  'apiVersion: v1',
  'kind: Service   # untouched, spacing kept',
  'metadata: {name: svc}',
  '---',
  '# about the app',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: app',
  'spec:',
  '  template:',
  '    spec:',
  '      containers: [{name: c, image: "i"}]',
  '---',
  'apiVersion: v1',
  'kind: List',
  'items:',
  '- apiVersion: v1',
  '  kind: ConfigMap',
  '  metadata: {name: cm}',
  '- apiVersion: v1',
  '  kind: Pod',
  '  metadata: {name: p}',
  '  spec: {containers: [{name: c}]}',
  '',
].join('\n');

describe('transformStream', () => {
  it('copies documents it does not change byte for byte and re-emits changed ones in place', () => {
    const seen: string[] = [];
    const result = transformStream(text, (w) => {
      seen.push(`${w.identity.kind}/${String(w.identity.metadata.name)}`);
      if (w.identity.kind !== 'Deployment') return { outcome: { action: 'skipped', reason: 'test' } };
      return { object: w.withPod({ metadata: { labels: { x: 'y' } }, spec: w.pod.spec }), outcome: { action: 'injected' } };
    }, { yaml: YAML });
    expect(seen).toEqual(['Deployment/app', 'Pod/p']);
    expect(result.problems).toEqual([]);
    const [first, second, third] = result.text.split('---\n');
    expect(first).toBe(text.split('---\n')[0]);
    expect(third).toBe(text.split('---\n')[2]);
    expect(second).toBe(
      '# about the app\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    metadata:\n      labels:\n        x: "y"\n    spec:\n      containers:\n      - name: c\n        image: i\n',
    );
    expect(result.reports.map((r) => [r.kind, r.line, r.col, r.outcome.action])).toEqual([
      ['Deployment', 7, 1, 'injected'],
      ['Pod', 22, 3, 'skipped'],
    ]);
  });

  it('reports malformed YAML with line and column and returns no text', () => {
    const result = transformStream('a: 1\n---\nkind: [unclosed\n', () => ({ outcome: { action: 'injected' } }), { yaml: YAML });
    expect(result.text).toBe('');
    expect(result.problems[0]).toMatchObject({ line: 4 });
  });

  it('returns the input unchanged when nothing is touched', () => {
    expect(transformStream(text, () => ({ outcome: { action: 'skipped', reason: 'x' } }), { yaml: YAML }).text).toBe(text);
  });
});
