import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from './index.js';
import { jsonPatch, mergePatch, strategicMerge } from './patch.js';
import { call } from './test-client.js';

describe('patch formats (pure)', () => {
  it('merge patch merges maps, deletes with null, replaces lists', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { b: null, d: 3 }, l: [3] })).toEqual({ a: { c: 2, d: 3 }, l: [3] });
  });

  it('json patch applies add/remove/replace/move/copy/test and fails a failed test', () => {
    const doc = { a: [1, 2], b: { c: 'x' } };
    expect(
      jsonPatch(doc, [
        { op: 'add', path: '/a/-', value: 3 },
        { op: 'replace', path: '/b/c', value: 'y' },
        { op: 'copy', from: '/b/c', path: '/d' },
        { op: 'move', from: '/d', path: '/e' },
        { op: 'remove', path: '/a/0' },
        { op: 'test', path: '/e', value: 'y' },
      ]),
    ).toEqual({ a: [2, 3], b: { c: 'y' }, e: 'y' });
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/b/c', value: 'nope' }])).toThrow(/test failed/);
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/zz' }])).toThrow();
    expect(doc).toEqual({ a: [1, 2], b: { c: 'x' } });
  });

  it('strategic merge merges containers by name, ports by containerPort, honours $patch: delete', () => {
    const live = {
      spec: {
        containers: [
          { name: 'app', image: 'a:1', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] },
          { name: 'side', image: 's:1' },
        ],
      },
    };
    const out = strategicMerge(live, {
      spec: {
        containers: [
          { name: 'app', image: 'a:2', ports: [{ containerPort: 443, name: 'https' }], env: [{ name: 'B', value: '2' }] },
          { name: 'side', $patch: 'delete' },
          { name: 'new', image: 'n:1' },
        ],
      },
    }) as any;
    expect(out.spec.containers.map((c: any) => c.name)).toEqual(['app', 'new']);
    expect(out.spec.containers[0]).toEqual({
      name: 'app',
      image: 'a:2',
      ports: [{ containerPort: 80 }, { containerPort: 443, name: 'https' }],
      env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
    });
  });

  it('strategic merge supports $patch: replace and $retainKeys', () => {
    expect(strategicMerge({ s: { a: 1, b: 2 } }, { s: { $patch: 'replace', c: 3 } })).toEqual({ s: { c: 3 } });
    expect(strategicMerge({ s: { type: 'A', a: 1, b: 2 } }, { s: { $retainKeys: ['type', 'b'], type: 'B' } })).toEqual({ s: { type: 'B', b: 2 } });
  });
});

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(async () => {
  await server.close();
});

const dep = (name: string, replicas: number, image = 'nginx:1') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
  },
});
const base = '/apis/apps/v1/namespaces/default/deployments';
const APPLY = { 'Content-Type': 'application/apply-patch+yaml' };

describe('PATCH over HTTP', () => {
  it('applies each patch type and rejects unknown content types', async () => {
    await call(server, 'POST', base, dep('p1', 0));
    const merge = await call(server, 'PATCH', `${base}/p1`, { metadata: { annotations: { a: '1' } } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(merge.body.metadata.annotations).toEqual({ a: '1' });
    const json = await call(server, 'PATCH', `${base}/p1`, [{ op: 'replace', path: '/spec/replicas', value: 0 }, { op: 'add', path: '/metadata/labels/x', value: 'y' }], { 'Content-Type': 'application/json-patch+json' });
    expect(json.body.metadata.labels).toEqual({ app: 'p1', x: 'y' });
    const smp = await call(server, 'PATCH', `${base}/p1`, { spec: { template: { spec: { containers: [{ name: 'side', image: 'busybox' }] } } } }, { 'Content-Type': 'application/strategic-merge-patch+json' });
    expect(smp.body.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['app', 'side']);
    const failed = await call(server, 'PATCH', `${base}/p1`, [{ op: 'test', path: '/spec/replicas', value: 5 }], { 'Content-Type': 'application/json-patch+json' });
    expect(failed.status).toBe(422);
    const other = await call(server, 'PATCH', `${base}/p1`, {}, { 'Content-Type': 'text/plain' });
    expect(other.status).toBe(415);
    const missing = await call(server, 'PATCH', `${base}/none`, {}, { 'Content-Type': 'application/merge-patch+json' });
    expect(missing.status).toBe(404);
  });
});

describe('server-side apply', () => {
  it('requires a fieldManager', async () => {
    const r = await call(server, 'PATCH', `${base}/ssa0`, dep('ssa0', 0), APPLY);
    expect(r.status).toBe(400);
  });

  it('creates when missing (201), then updates (200), accepting YAML bodies', async () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y1\ndata:\n  a: "1"\n';
    const created = await call(server, 'PATCH', '/api/v1/namespaces/default/configmaps/y1?fieldManager=alice', yaml, APPLY);
    expect(created.status).toBe(201);
    expect(created.body.metadata.managedFields).toEqual([
      expect.objectContaining({ manager: 'alice', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } } }),
    ]);
    const again = await call(server, 'PATCH', '/api/v1/namespaces/default/configmaps/y1?fieldManager=alice', yaml.replace('"1"', '"2"'), APPLY);
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual({ a: '2' });
  });

  it('tracks ownership with k: keys for associative lists', async () => {
    const r = await call(server, 'PATCH', `${base}/ssa1?fieldManager=alice`, dep('ssa1', 0), APPLY);
    const fields = r.body.metadata.managedFields[0].fieldsV1;
    expect(fields['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"app"}']).toEqual({ '.': {}, 'f:image': {}, 'f:name': {} });
    expect(fields['f:metadata']).toEqual({ 'f:labels': { 'f:app': {} } });
  });

  it('conflicts when another manager owns a changed field, and force takes it over', async () => {
    await call(server, 'PATCH', `${base}/ssa2?fieldManager=kubectl`, dep('ssa2', 0), APPLY);
    const changed = dep('ssa2', 3);
    const clash = await call(server, 'PATCH', `${base}/ssa2?fieldManager=sailctl`, changed, APPLY);
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({
      kind: 'Status',
      reason: 'Conflict',
      code: 409,
      details: { causes: [{ type: 'FieldManagerConflict', message: 'conflict with "kubectl" using apps/v1', field: '.spec.replicas' }] },
    });
    const same = await call(server, 'PATCH', `${base}/ssa2?fieldManager=sailctl`, dep('ssa2', 0), APPLY);
    expect(same.status).toBe(200);
    const forced = await call(server, 'PATCH', `${base}/ssa2?fieldManager=sailctl&force=true`, changed, APPLY);
    expect(forced.status).toBe(200);
    expect(forced.body.spec.replicas).toBe(3);
    const kubectl = forced.body.metadata.managedFields.find((m: any) => m.manager === 'kubectl');
    expect(kubectl.fieldsV1['f:spec']['f:replicas']).toBeUndefined();
    expect(kubectl.fieldsV1['f:spec']['f:selector']).toBeDefined();
  });

  it('removes fields a manager stops applying unless someone else owns them', async () => {
    const withLabels = (labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rm', labels }, data: { a: '1' } });
    await call(server, 'PATCH', '/api/v1/namespaces/default/configmaps/rm?fieldManager=alice', withLabels({ x: '1', y: '1' }), APPLY);
    await call(server, 'PATCH', '/api/v1/namespaces/default/configmaps/rm?fieldManager=bob', withLabels({ y: '1' }), APPLY);
    const r = await call(server, 'PATCH', '/api/v1/namespaces/default/configmaps/rm?fieldManager=alice', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rm' } }, APPLY);
    expect(r.body.metadata.labels).toEqual({ y: '1' });
    expect(r.body.data).toEqual({ a: '1' });
  });

  it('an Update by another manager takes ownership of the fields it changes', async () => {
    await call(server, 'PATCH', `${base}/ssa3?fieldManager=alice`, dep('ssa3', 0), APPLY);
    const upd = await call(server, 'PATCH', `${base}/ssa3?fieldManager=hpa`, { spec: { replicas: 2 } }, { 'Content-Type': 'application/merge-patch+json' });
    const hpa = upd.body.metadata.managedFields.find((m: any) => m.manager === 'hpa');
    expect(hpa).toMatchObject({ operation: 'Update', fieldsV1: { 'f:spec': { 'f:replicas': {} } } });
    const clash = await call(server, 'PATCH', `${base}/ssa3?fieldManager=alice`, dep('ssa3', 0), APPLY);
    expect(clash.status).toBe(409);
    expect(clash.body.details.causes[0].message).toBe('conflict with "hpa" using apps/v1');
  });
});
