import { describe, expect, it } from 'vitest';
import { parseResources } from './parse.js';

const vs = `# leading comment
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts: [reviews]
  gateways:
  - mesh
  - bookinfo-gateway
---
apiVersion: v1
kind: Service
metadata: {name: reviews}
`;

describe('parseResources', () => {
  it('returns every document with its origin and identity', () => {
    const { resources, problems } = parseResources({ name: 'app.yaml', text: vs });
    expect(problems).toEqual([]);
    expect(resources.map((r) => [r.kind, r.namespace, r.name, r.origin.line, r.origin.docIndex])).toEqual([
      ['VirtualService', 'bookinfo', 'reviews', 2, 0],
      ['Service', undefined, 'reviews', 13, 1],
    ]);
  });

  it('locates nested nodes by path, value or key', () => {
    const [r] = parseResources({ name: 'app.yaml', text: vs }).resources;
    expect(r?.locate(['spec', 'gateways', 1])).toEqual({ line: 11, col: 5 });
    expect(r?.locate(['spec', 'hosts'], 'key')).toEqual({ line: 8, col: 3 });
    // A missing leaf falls back to its nearest existing ancestor.
    expect(r?.locate(['spec', 'http', 0, 'route'])).toEqual({ line: 8, col: 3 });
  });

  it('expands kind: List with item paths', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n  data: {x: "1"}\n';
    const { resources } = parseResources({ name: 'list.yaml', text });
    expect(resources).toHaveLength(1);
    expect(resources[0]?.origin.line).toBe(4);
    expect(resources[0]?.locate(['data', 'x'])).toEqual({ line: 7, col: 13 });
  });

  it('reports malformed YAML with line:col and still returns the other documents', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: [unclosed\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\n';
    const { resources, problems } = parseResources({ name: 'bad.yaml', text });
    expect(resources.map((r) => r.name)).toEqual(['ok', 's']);
    expect(problems).toHaveLength(1);
    // The parser notices the unclosed flow sequence where the document ends.
    expect(problems[0]).toMatchObject({ file: 'bad.yaml', kind: 'syntax', line: 7, col: 1 });
    expect(problems[0]?.message).toMatch(/Flow sequence/);
  });

  it('reports a duplicate key', () => {
    const { resources, problems } = parseResources({ name: 'dup.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nkind: Secret\n' });
    expect(resources).toEqual([]);
    expect(problems[0]).toMatchObject({ kind: 'syntax', line: 3, col: 1 });
    expect(problems[0]?.message).toMatch(/duplicate key/);
  });

  it('refuses an alias bomb', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
    const { resources, problems } = parseResources({ name: 'bomb.yaml', text });
    expect(resources).toEqual([]);
    expect(problems[0]?.kind).toBe('limit');
    expect(problems[0]?.message).toMatch(/alias/);
  });

  it('reports documents that are not mappings or lack apiVersion/kind', () => {
    const text = '- just\n- a list\n---\nplain scalar\n---\nmetadata: {name: x}\n---\napiVersion: v1\nmetadata: {name: y}\n---\n';
    const { resources, problems } = parseResources({ name: 'odd.yaml', text });
    expect(resources).toEqual([]);
    expect(problems.map((p) => [p.kind, p.line, p.message])).toEqual([
      ['structure', 1, 'document 1 is not a mapping (found a list)'],
      ['structure', 4, 'document 2 is not a mapping (found string)'],
      ['structure', 6, 'resource is missing apiVersion and kind'],
      ['structure', 8, 'resource is missing kind'],
    ]);
  });

  it('ignores empty documents', () => {
    expect(parseResources({ name: 'e.yaml', text: '---\n---\n# only a comment\n' })).toEqual({ resources: [], problems: [] });
  });
});

describe('parseResources reads YAML as Kubernetes does (sigs.k8s.io/yaml, go-yaml v2)', () => {
  const se = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: se}\nspec:\n  hosts: [a.example]\n  addresses: [1.2.3.4, 001:db8::]\n  ports: [a:, b, c: d]\n  tags: {x:, zz: z}\n';

  it('keeps a ":" before "," "]" or "}" inside a flow plain scalar, with its position', () => {
    const { resources, problems } = parseResources({ name: 'se.yaml', text: se });
    expect(problems).toEqual([]);
    const spec = resources[0]?.object.spec as Record<string, unknown>;
    expect(spec.addresses).toEqual(['1.2.3.4', '001:db8::']);
    expect(spec.ports).toEqual(['a:', 'b', { c: 'd' }]);
    expect(spec.tags).toEqual({ 'x:': null, zz: 'z' });
    expect(resources[0]?.locate(['spec', 'addresses', 1])).toEqual({ line: 6, col: 24 });
    expect(resources[0]?.locate(['spec', 'addresses', 0])).toEqual({ line: 6, col: 15 });
    expect(resources[0]?.locate(['spec', 'ports', 2])).toEqual({ line: 7, col: 18 });
  });

  it('leaves ":" before a space and block scalars alone', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: "x:"\n  b: [k: v]\n  c: x:y\n';
    expect(parseResources({ name: 'c.yaml', text }).resources[0]?.object.data).toEqual({ a: 'x:', b: [{ k: 'v' }], c: 'x:y' });
  });

  it('resolves plain scalars by YAML 1.1 rules, timestamps staying text', () => {
    // (As go-yaml, keys too: a key `y` is the boolean true, which Kubernetes' JSON conversion writes "true".)
    const text = 'apiVersion: v1\nkind: X\nmetadata: {name: x}\nspec:\n  a: yes\n  b: off\n  c: 0777\n  d: 1_000\n  e: 2001-12-14\n  f: "yes"\n  g: 1.5\n  h: ~\n';
    expect(parseResources({ name: 'x.yaml', text }).resources[0]?.object.spec).toEqual({ a: true, b: false, c: 511, d: 1000, e: '2001-12-14', f: 'yes', g: 1.5, h: null });
  });
});
