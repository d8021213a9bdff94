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

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'routes.demo.io' },
  spec: {
    group: 'demo.io',
    scope: 'Namespaced',
    names: { kind: 'Route', plural: 'routes', singular: 'route', listKind: 'RouteList', shortNames: ['rt'], categories: ['demo'] },
    versions: [
      { name: 'v1beta1', served: true, storage: false, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  hosts: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'string', pattern: '^[a-z.*-]+$' } },
                  weight: { type: 'integer', format: 'int32', minimum: 0, maximum: 100 },
                  mode: { type: 'string', enum: ['A', 'B'] },
                  count: { type: 'integer', format: 'int32' },
                  port: { 'x-kubernetes-int-or-string': true },
                  ratio: { type: 'number' },
                  enabled: { type: 'boolean', nullable: true },
                  extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                  labels: { type: 'object', additionalProperties: { type: 'string' } },
                  http: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['route'],
                      properties: { route: { type: 'array', items: { type: 'object', properties: { host: { type: 'string' } } } } },
                    },
                  },
                  target: {
                    type: 'object',
                    oneOf: [{ required: ['name'] }, { required: ['selector'] }],
                    properties: { name: { type: 'string' }, selector: { type: 'string' } },
                  },
                },
              },
              status: { type: 'object', properties: { phase: { type: 'string' } } },
            },
          },
        },
      },
    ],
  },
};

const route = (spec: Record<string, unknown>, name = 'r1') => ({ apiVersion: 'demo.io/v1', kind: 'Route', metadata: { name }, spec });
const base = '/apis/demo.io/v1/namespaces/default/routes';

describe('CustomResourceDefinitions', () => {
  beforeAll(async () => {
    const r = await call(server, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
    expect(r.status).toBe(201);
  });

  it('becomes NamesAccepted and Established', async () => {
    await expect
      .poll(() => (server.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'routes.demo.io' }) as any)?.status?.conditions?.map((c: any) => `${c.type}=${c.status}`))
      .toEqual(['NamesAccepted=True', 'Established=True']);
    const crdNow = server.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'routes.demo.io' }) as any;
    expect(crdNow.status.acceptedNames.kind).toBe('Route');
    expect(crdNow.status.storedVersions).toEqual(['v1']);
  });

  it('registers every served version in discovery', async () => {
    const group = await call(server, 'GET', '/apis/demo.io');
    expect(group.body.versions.map((v: any) => v.version).sort()).toEqual(['v1', 'v1beta1']);
    expect(group.body.preferredVersion.version).toBe('v1');
    const v1 = await call(server, 'GET', '/apis/demo.io/v1');
    expect(v1.body.resources.map((r: any) => r.name)).toEqual(['routes', 'routes/status']);
    expect(v1.body.resources[0]).toMatchObject({ kind: 'Route', namespaced: true, shortNames: ['rt'], categories: ['demo'], singularName: 'route' });
  });

  it('serves valid custom resources', async () => {
    const ok = await call(server, 'POST', base, route({ hosts: ['a.example'], weight: 10, mode: 'A', port: 'http', ratio: 0.5, enabled: null, extra: { any: { thing: 1 } }, labels: { a: 'b' }, target: { name: 'x' } }));
    expect(ok.status).toBe(201);
    expect(ok.headers.warning).toBeUndefined();
    const got = await call(server, 'GET', `${base}/r1`);
    expect(got.body.spec.extra).toEqual({ any: { thing: 1 } });
    const old = await call(server, 'GET', '/apis/demo.io/v1beta1/namespaces/default/routes/r1');
    expect(old.body.apiVersion).toBe('demo.io/v1beta1');
  });

  it.each([
    [{ hosts: [] }, 'spec.hosts', 'should have at least 1 items'],
    [{ hosts: ['a', 'b', 'c', 'd'] }, 'spec.hosts', 'must have at most 3 items'],
    [{ hosts: ['UPPER'] }, 'spec.hosts[0]', "should match '^[a-z.*-]+$'"],
    [{ weight: 'ten' }, 'spec.weight', 'must be of type integer'],
    [{ weight: 1.5 }, 'spec.weight', 'must be of type integer'],
    [{ weight: 101 }, 'spec.weight', 'should be less than or equal to 100'],
    [{ count: 3000000000 }, 'spec.count', 'int32'],
    [{ mode: 'C' }, 'spec.mode', 'Unsupported value: "C": supported values: "A", "B"'],
    [{ port: 1.5 }, 'spec.port', 'must be of type integer,string'],
    [{ ratio: 'x' }, 'spec.ratio', 'must be of type number'],
    [{ enabled: 'yes' }, 'spec.enabled', 'must be of type boolean'],
    [{ labels: { a: 1 } }, 'spec.labels.a', 'must be of type string'],
    [{ http: [{}] }, 'spec.http[0].route', 'Required value'],
    [{ target: {} }, 'spec.target', 'oneOf'],
    [{ target: { name: 'a', selector: 'b' } }, 'spec.target', 'oneOf'],
  ])('rejects %j with 422 at %s', async (spec, field, message) => {
    const r = await call(server, 'POST', base, route(spec, 'bad'));
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ kind: 'Status', reason: 'Invalid', code: 422, details: { name: 'bad', group: 'demo.io', kind: 'Route' } });
    expect(r.body.details.causes).toEqual([expect.objectContaining({ field, message: expect.stringContaining(message) })]);
    expect(r.body.message).toContain(`Route.demo.io "bad" is invalid: ${field}`);
  });

  it('prunes unknown fields with a Warning, rejects them with fieldValidation=Strict', async () => {
    const warn = await call(server, 'POST', base, route({ hosts: ['a'], bogus: 1 }, 'pruned'));
    expect(warn.status).toBe(201);
    expect(warn.body.spec).toEqual({ hosts: ['a'] });
    expect(warn.headers.warning).toBe('299 - "unknown field \\"spec.bogus\\""');
    const strict = await call(server, 'POST', `${base}?fieldValidation=Strict`, route({ bogus: 1 }, 'strict'));
    expect(strict.status).toBe(400);
    expect(strict.body.message).toContain('unknown field "spec.bogus"');
  });

  it('keeps status apart (status subresource) and refuses strategic merge patches', async () => {
    const st = await call(server, 'PATCH', `${base}/r1/status`, { status: { phase: 'Ready' } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(st.body.status).toEqual({ phase: 'Ready' });
    const main = await call(server, 'PATCH', `${base}/r1`, { status: { phase: 'Other' }, spec: { weight: 5 } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(main.body.status).toEqual({ phase: 'Ready' });
    expect(main.body.metadata.generation).toBe(2);
    const smp = await call(server, 'PATCH', `${base}/r1`, { spec: {} }, { 'Content-Type': 'application/strategic-merge-patch+json' });
    expect(smp.status).toBe(415);
  });

  it('deleting the CRD removes its objects and discovery entries', async () => {
    const del = await call(server, 'DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/routes.demo.io');
    expect(del.status).toBe(200);
    expect((await call(server, 'GET', '/apis/demo.io/v1')).status).toBe(404);
    expect((await call(server, 'GET', base)).status).toBe(404);
    const groups = await call(server, 'GET', '/apis');
    expect(groups.body.groups.map((g: any) => g.name)).not.toContain('demo.io');
    await call(server, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
    await expect.poll(async () => (await call(server, 'GET', base)).status).toBe(200);
    expect((await call(server, 'GET', base)).body.items).toEqual([]);
  });
});
