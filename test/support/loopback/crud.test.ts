import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from './index.js';
import { call } from './test-client.js';

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(async () => {
  await server.close();
});

const cm = (name: string, labels: Record<string, string> = {}, data: Record<string, string> = { k: 'v' }) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data,
});

const deployment = (name: string, replicas = 1) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1', ports: [{ containerPort: 80 }] }] } },
  },
});

describe('authentication and basics', () => {
  it('rejects requests without the bearer token with a 401 Status', async () => {
    const r = await call({ ...server, token: 'wrong' }, 'GET', '/api/v1/namespaces');
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Unauthorized', code: 401 });
  });

  it('serves /version and health endpoints', async () => {
    expect((await call(server, 'GET', '/version')).body).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.3' });
    expect((await call(server, 'GET', '/readyz')).text).toBe('ok');
  });

  it('has the base namespaces and a node', async () => {
    const r = await call(server, 'GET', '/api/v1/namespaces');
    expect(r.body.items.map((n: any) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect((await call(server, 'GET', '/api/v1/nodes')).body.items).toHaveLength(1);
  });

  it('serves discovery with subresources', async () => {
    const core = await call(server, 'GET', '/api/v1');
    const names = core.body.resources.map((r: any) => r.name);
    expect(names).toEqual(expect.arrayContaining(['pods', 'pods/status', 'pods/proxy', 'services', 'namespaces']));
    const apps = await call(server, 'GET', '/apis/apps/v1');
    expect(apps.body.resources.find((r: any) => r.name === 'deployments')).toMatchObject({ kind: 'Deployment', namespaced: true, shortNames: ['deploy'], singularName: 'deployment' });
    expect(apps.body.resources.map((r: any) => r.name)).toEqual(expect.arrayContaining(['deployments/status', 'deployments/scale']));
    const groups = await call(server, 'GET', '/apis');
    expect(groups.body.groups.map((g: any) => g.name)).toEqual(expect.arrayContaining(['apps', 'authorization.k8s.io', 'apiextensions.k8s.io', 'autoscaling']));
    expect((await call(server, 'GET', '/apis/apps')).body.preferredVersion.groupVersion).toBe('apps/v1');
  });
});

describe('CRUD', () => {
  it('creates, reads, updates and deletes with API server semantics', async () => {
    const created = await call(server, 'POST', '/api/v1/namespaces/default/configmaps', cm('crud-a'));
    expect(created.status).toBe(201);
    expect(created.body.metadata).toMatchObject({ name: 'crud-a', namespace: 'default', generation: 1 });
    expect(created.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const dup = await call(server, 'POST', '/api/v1/namespaces/default/configmaps', cm('crud-a'));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ reason: 'AlreadyExists', message: 'configmaps "crud-a" already exists', details: { name: 'crud-a', kind: 'configmaps' } });

    const got = await call(server, 'GET', '/api/v1/namespaces/default/configmaps/crud-a');
    expect(got.body.data).toEqual({ k: 'v' });

    const put = await call(server, 'PUT', '/api/v1/namespaces/default/configmaps/crud-a', { ...got.body, data: { k: 'w' } });
    expect(put.status).toBe(200);
    expect(Number(put.body.metadata.resourceVersion)).toBeGreaterThan(Number(got.body.metadata.resourceVersion));

    const stale = await call(server, 'PUT', '/api/v1/namespaces/default/configmaps/crud-a', { ...got.body, data: { k: 'x' } });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe('Conflict');
    expect(stale.body.message).toContain('the object has been modified');

    const del = await call(server, 'DELETE', '/api/v1/namespaces/default/configmaps/crud-a');
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'crud-a', kind: 'configmaps' } });
    const again = await call(server, 'DELETE', '/api/v1/namespaces/default/configmaps/crud-a');
    expect(again.status).toBe(404);
  });

  it('answers 404 with the API server wording', async () => {
    const r = await call(server, 'GET', '/apis/apps/v1/namespaces/default/deployments/x');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "x" not found',
      reason: 'NotFound',
      details: { name: 'x', group: 'apps', kind: 'deployments' },
      code: 404,
    });
  });

  it('rejects invalid names and missing names with 422 and causes', async () => {
    const bad = await call(server, 'POST', '/api/v1/namespaces/default/configmaps', cm('Bad_Name'));
    expect(bad.status).toBe(422);
    expect(bad.body.reason).toBe('Invalid');
    expect(bad.body.message).toMatch(/^ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
    expect(bad.body.details.causes[0]).toMatchObject({ type: 'FieldValueInvalid', field: 'metadata.name' });
    const missing = await call(server, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.details.causes[0]).toMatchObject({ type: 'FieldValueRequired', field: 'metadata.name' });
    const generated = await call(server, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' } });
    expect(generated.status).toBe(201);
    expect(generated.body.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });

  it('rejects a namespace mismatch and a missing namespace', async () => {
    const mismatch = await call(server, 'POST', '/api/v1/namespaces/default/configmaps', { ...cm('mm'), metadata: { name: 'mm', namespace: 'kube-system' } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.message).toBe('the namespace of the provided object does not match the namespace sent on the request');
    const missing = await call(server, 'POST', '/api/v1/namespaces/nope/configmaps', cm('a'));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ reason: 'NotFound', message: 'namespaces "nope" not found', details: { name: 'nope', kind: 'namespaces' } });
  });

  it('validates built-in workloads (selector must match template labels)', async () => {
    const d = deployment('badsel');
    d.spec.template.metadata.labels = { app: 'other' };
    const r = await call(server, 'POST', '/apis/apps/v1/namespaces/default/deployments', d);
    expect(r.status).toBe(422);
    expect(r.body.details.causes.map((c: any) => c.field)).toContain('spec.template.metadata.labels');
  });

  it('bumps generation only on spec changes and keeps status on main-resource writes', async () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'gen' }, spec: { parallelism: 1, template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } }, status: { active: 5 } };
    const jobs = '/apis/batch/v1/namespaces/default/jobs';
    const created = await call(server, 'POST', jobs, job);
    expect(created.body.status).toBeUndefined();
    const labelled = await call(server, 'PATCH', `${jobs}/gen`, { metadata: { labels: { extra: 'x' } } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(labelled.body.metadata.generation).toBe(1);
    const changed = await call(server, 'PATCH', `${jobs}/gen`, { spec: { parallelism: 2 } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(changed.body.metadata.generation).toBe(2);
    const status = await call(server, 'PUT', `${jobs}/gen/status`, { ...changed.body, spec: { ...changed.body.spec, parallelism: 9 }, status: { active: 1 } });
    expect(status.status).toBe(200);
    expect(status.body.status).toEqual({ active: 1 });
    expect(status.body.spec.parallelism).toBe(2);
    expect(status.body.metadata.generation).toBe(2);
    const main = await call(server, 'PUT', `${jobs}/gen`, { ...status.body, status: { active: 42 } });
    expect(main.body.status).toEqual({ active: 1 });
  });
});

describe('list', () => {
  beforeAll(async () => {
    await call(server, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sel' } });
    const labels: Array<[string, Record<string, string>]> = [
      ['a1', { app: 'a', tier: 'web' }],
      ['a2', { app: 'a', tier: 'db' }],
      ['b1', { app: 'b' }],
      ['c1', {}],
      ['c2', { tier: 'web' }],
    ];
    for (const [name, l] of labels) await call(server, 'POST', '/api/v1/namespaces/sel/configmaps', cm(name, l));
  });
  const names = async (query: string) =>
    (await call(server, 'GET', `/api/v1/namespaces/sel/configmaps?${query}`)).body.items.map((o: any) => o.metadata.name);

  it.each([
    ['labelSelector=app%3Da', ['a1', 'a2']],
    ['labelSelector=app%3D%3Da,tier%3Dweb', ['a1']],
    ['labelSelector=app!%3Da', ['b1', 'c1', 'c2']],
    ['labelSelector=app%20in%20(a,b)', ['a1', 'a2', 'b1']],
    ['labelSelector=app%20notin%20(a)', ['b1', 'c1', 'c2']],
    ['labelSelector=tier', ['a1', 'a2', 'c2']],
    ['labelSelector=!tier', ['b1', 'c1']],
    ['fieldSelector=metadata.name%3Db1', ['b1']],
    ['fieldSelector=metadata.name!%3Db1,metadata.namespace%3Dsel&labelSelector=app', ['a1', 'a2']],
  ])('filters with %s', async (query, expected) => {
    expect(await names(query)).toEqual(expected);
  });

  it('rejects a bad selector with 400', async () => {
    const r = await call(server, 'GET', '/api/v1/namespaces/sel/configmaps?fieldSelector=spec.unknown%3Dx');
    expect(r.status).toBe(400);
    expect(r.body.reason).toBe('BadRequest');
  });

  it('paginates with limit and continue', async () => {
    const first = await call(server, 'GET', '/api/v1/namespaces/sel/configmaps?limit=2');
    expect(first.body.items.map((o: any) => o.metadata.name)).toEqual(['a1', 'a2']);
    expect(first.body.metadata.remainingItemCount).toBe(3);
    const second = await call(server, 'GET', `/api/v1/namespaces/sel/configmaps?limit=2&continue=${first.body.metadata.continue}`);
    expect(second.body.items.map((o: any) => o.metadata.name)).toEqual(['b1', 'c1']);
    const third = await call(server, 'GET', `/api/v1/namespaces/sel/configmaps?limit=2&continue=${second.body.metadata.continue}`);
    expect(third.body.items.map((o: any) => o.metadata.name)).toEqual(['c2']);
    expect(third.body.metadata.continue).toBeUndefined();
    server.expireWatchHistory();
    const expired = await call(server, 'GET', `/api/v1/namespaces/sel/configmaps?limit=2&continue=${first.body.metadata.continue}`);
    expect(expired.status).toBe(410);
    expect(expired.body.reason).toBe('Expired');
  });

  it('lists across namespaces and returns Tables when asked', async () => {
    const all = await call(server, 'GET', '/api/v1/configmaps?labelSelector=app%3Db');
    expect(all.body.items.map((o: any) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['sel/b1']);
    const table = await call(server, 'GET', '/api/v1/namespaces/sel/configmaps', undefined, { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
    expect(table.body.kind).toBe('Table');
    expect(table.body.columnDefinitions.map((c: any) => c.name)).toEqual(['Name', 'Age']);
    expect(table.body.rows.map((r: any) => r.cells[0])).toEqual(['a1', 'a2', 'b1', 'c1', 'c2']);
    expect(table.body.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'a1', namespace: 'sel' } });
  });
});

describe('dryRun', () => {
  it('validates but persists nothing on every mutating verb', async () => {
    const create = await call(server, 'POST', '/api/v1/namespaces/default/configmaps?dryRun=All', cm('dry'));
    expect(create.status).toBe(201);
    expect((await call(server, 'GET', '/api/v1/namespaces/default/configmaps/dry')).status).toBe(404);
    const invalidDry = await call(server, 'POST', '/api/v1/namespaces/default/configmaps?dryRun=All', cm('Bad!'));
    expect(invalidDry.status).toBe(422);

    await call(server, 'POST', '/api/v1/namespaces/default/configmaps', cm('dry'));
    const patched = await call(server, 'PATCH', '/api/v1/namespaces/default/configmaps/dry?dryRun=All', { data: { k: 'changed' } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(patched.body.data.k).toBe('changed');
    const applied = await call(server, 'PATCH', '/api/v1/namespaces/default/configmaps/dry?dryRun=All&fieldManager=t&force=true', cm('dry', {}, { k: 'applied' }), { 'Content-Type': 'application/apply-patch+yaml' });
    expect(applied.body.data.k).toBe('applied');
    const deleted = await call(server, 'DELETE', '/api/v1/namespaces/default/configmaps/dry?dryRun=All');
    expect(deleted.status).toBe(200);
    const live = await call(server, 'GET', '/api/v1/namespaces/default/configmaps/dry');
    expect(live.body.data.k).toBe('v');
    const log = server.requests.filter((r) => r.name === 'dry' && r.dryRun);
    expect(log.map((r) => r.verb)).toEqual(['patch', 'patch', 'delete']);
  });
});

describe('namespaces', () => {
  // A ConfigMap with a finalizer holds the namespace in Terminating for as long as the test needs, whatever the
  // machine's load (no race with the server's clean-up timer).
  it('terminates a namespace: Terminating, contents deleted, held by a finalizer, then gone; no new content meanwhile', async () => {
    await call(server, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
    await call(server, 'POST', '/api/v1/namespaces/doomed/configmaps', cm('inside'));
    await call(server, 'POST', '/api/v1/namespaces/doomed/configmaps', { ...cm('held'), metadata: { name: 'held', finalizers: ['example.com/hold'] } });
    const del = await call(server, 'DELETE', '/api/v1/namespaces/doomed');
    expect(del.status).toBe(200);
    expect(del.body.status.phase).toBe('Terminating');
    await expect.poll(() => server.list('v1', 'ConfigMap', 'doomed').map((o) => [o.metadata.name, o.metadata.deletionTimestamp !== undefined])).toEqual([['held', true]]);
    const blocked = await call(server, 'POST', '/api/v1/namespaces/doomed/configmaps', cm('late'));
    expect(blocked.status).toBe(403);
    expect(blocked.body.message).toContain('because it is being terminated');
    expect((await call(server, 'GET', '/api/v1/namespaces/doomed')).body.status.phase).toBe('Terminating');
    const released = await call(server, 'PATCH', '/api/v1/namespaces/doomed/configmaps/held', { metadata: { finalizers: null } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(released.status).toBe(200);
    await expect.poll(async () => (await call(server, 'GET', '/api/v1/namespaces/doomed')).status).toBe(404);
    expect(server.list('v1', 'ConfigMap', 'doomed')).toEqual([]);
  });
});
