/**
 * Minimal OpenAPI documents, enough for kubectl: `/openapi/v3` lists a document per group-version; each
 * declares the PATCH operation of every kind with its `x-kubernetes-group-version-kind` and the
 * `fieldValidation` query parameter, so kubectl leaves validation to the server (which does it). Strategic
 * merge is not advertised, so client-side apply computes patches from its built-in types. `/openapi/v2` is
 * JSON only (protobuf requests get 406, after which kubectl falls back as it does with old servers).
 */
import { createHash } from 'node:crypto';
import { groupVersion, type KindRegistry, type ResourceType } from './kinds.js';

function gvPath(t: { group: string; version: string }): string {
  return t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`;
}

function patchOperation(t: ResourceType): Record<string, unknown> {
  const gvk = { group: t.group, version: t.version, kind: t.kind };
  return {
    operationId: `patch${t.kind}`,
    'x-kubernetes-action': 'patch',
    'x-kubernetes-group-version-kind': gvk,
    parameters: ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({
      name,
      in: 'query',
      schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
    })),
    requestBody: {
      content: Object.fromEntries(
        ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json'].map((c) => [c, { schema: { type: 'object' } }]),
      ),
      required: true,
    },
    responses: { '200': { description: 'OK' } },
  };
}

function pathsFor(types: ResourceType[]): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const t of types) {
    if (t.createOnly) continue;
    const base = `/${gvPath(t)}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.plural}`;
    paths[`${base}/{name}`] = { patch: patchOperation(t) };
  }
  return paths;
}

export function openApiV3Root(reg: KindRegistry): unknown {
  const gvs = new Map<string, ResourceType[]>();
  for (const t of reg.all()) gvs.set(gvPath(t), [...(gvs.get(gvPath(t)) ?? []), t]);
  const paths: Record<string, unknown> = {};
  for (const [path, types] of [...gvs].sort(([a], [b]) => a.localeCompare(b))) {
    const hash = createHash('sha256').update(JSON.stringify(pathsFor(types))).digest('hex').slice(0, 32).toUpperCase();
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
  }
  return { paths };
}

export function openApiV3Document(reg: KindRegistry, path: string): unknown {
  const types = reg.all().filter((t) => `/openapi/v3/${gvPath(t)}` === path);
  if (types.length === 0) return undefined;
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: groupVersion(types[0] as ResourceType) },
    paths: pathsFor(types),
    components: { schemas: {} },
  };
}

export function openApiV2(reg: KindRegistry, version: string): unknown {
  const paths: Record<string, unknown> = {};
  for (const t of reg.all()) {
    if (t.createOnly) continue;
    const base = `/${gvPath(t)}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.plural}`;
    paths[`${base}/{name}`] = {
      patch: {
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: t.group, version: t.version, kind: t.kind },
        parameters: ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({ name, in: 'query', type: 'string', uniqueItems: true })),
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return { swagger: '2.0', info: { title: 'Kubernetes', version }, paths, definitions: {} };
}
