/**
 * Discovery documents (`/api`, `/api/v1`, `/apis`, `/apis/{group}`, `/apis/{group}/{version}`) built from
 * the kind registry. Aggregated discovery is not offered: the server answers plain JSON and kubectl falls back.
 */
import { groupVersion, type KindRegistry, type ResourceType } from './kinds.js';

function preferredVersion(versions: string[]): string {
  const rank = (v: string): number => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return 0;
    const stability = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
    return stability * 1e6 + Number(m[1]) * 1e3 + Number(m[3] ?? 0);
  };
  return [...versions].sort((a, b) => rank(b) - rank(a))[0] as string;
}

function groups(reg: KindRegistry): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of reg.all()) {
    if (t.group === '') continue;
    const list = out.get(t.group) ?? [];
    if (!list.includes(t.version)) list.push(t.version);
    out.set(t.group, list);
  }
  return out;
}

function apiGroup(name: string, versions: string[]): Record<string, unknown> {
  const preferred = preferredVersion(versions);
  return {
    name,
    versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${name}/${preferred}`, version: preferred },
  };
}

function resourceEntries(t: ResourceType): Array<Record<string, unknown>> {
  const main: Record<string, unknown> = {
    name: t.plural,
    singularName: t.singular,
    namespaced: t.namespaced,
    kind: t.kind,
    verbs: t.verbs,
    ...(t.shortNames?.length ? { shortNames: t.shortNames } : {}),
    ...(t.categories?.length ? { categories: t.categories } : {}),
    storageVersionHash: Buffer.from(`${t.group}/${t.version}/${t.kind}`).toString('base64').slice(0, 11),
  };
  const subs = t.subresources.map((s) => {
    const kinds: Record<string, [string, string[]]> = {
      status: [t.kind, ['get', 'patch', 'update']],
      scale: ['Scale', ['get', 'patch', 'update']],
      proxy: [`${t.kind}ProxyOptions`, ['create', 'delete', 'get', 'patch', 'update']],
      portforward: ['PodPortForwardOptions', ['create', 'get']],
      log: ['Pod', ['get']],
      exec: ['PodExecOptions', ['create', 'get']],
      eviction: ['Eviction', ['create']],
      finalize: ['Namespace', ['update']],
      token: ['TokenRequest', ['create']],
    };
    const [kind, verbs] = kinds[s] ?? [t.kind, ['get']];
    return {
      name: `${t.plural}/${s}`,
      singularName: '',
      namespaced: t.namespaced,
      ...(s === 'scale' ? { group: 'autoscaling', version: 'v1' } : {}),
      kind,
      verbs,
    };
  });
  return [main, ...subs];
}

/** The discovery document for `path`, or undefined when the path is not a discovery path. */
export function discoveryDocument(reg: KindRegistry, path: string, serverAddress: string): unknown {
  if (path === '/api') {
    return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
  }
  if (path === '/api/v1') {
    return { kind: 'APIResourceList', groupVersion: 'v1', resources: reg.all().filter((t) => t.group === '').flatMap(resourceEntries) };
  }
  if (path === '/apis') {
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: [...groups(reg)].map(([name, versions]) => apiGroup(name, versions)) };
  }
  const m = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!m) return undefined;
  const [, group, version] = m as unknown as [string, string, string | undefined];
  const versions = groups(reg).get(group);
  if (!versions) return undefined;
  if (version === undefined) return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, versions) };
  if (!versions.includes(version)) return undefined;
  const types = reg.all().filter((t) => t.group === group && t.version === version);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion({ group, version }), resources: types.flatMap(resourceEntries) };
}
