/**
 * A stand-in cluster for `analyze --use-kube` tests until the loopback API server serves every kind: the tiny
 * scripted server (real HTTP, real kubeconfig, the real cluster port) answering discovery for every kind
 * analyzers read, paginated lists (limit/continue), gets, and an optional latency per request.
 */
import type { ServerResponse } from 'node:http';
import { KINDS } from '../../src/analyze/kinds.js';
import { json, startTinyServer, status, type TinyServer } from './tiny-server.js';

export interface FakeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
}

function plural(kind: string): string {
  const k = kind.toLowerCase();
  if (k === 'endpoints') return k;
  if (k.endsWith('y')) return `${k.slice(0, -1)}ies`;
  if (k.endsWith('s')) return `${k}es`;
  return `${k}s`;
}

export async function startFakeCluster(objects: readonly FakeObject[], options: { latencyMs?: number; namespace?: string } = {}): Promise<TinyServer & { listed: string[] }> {
  const byGroupVersion = new Map<string, Array<{ name: string; kind: string; namespaced: boolean; verbs: string[] }>>();
  for (const k of Object.values(KINDS)) {
    const list = byGroupVersion.get(k.apiVersion) ?? [];
    list.push({ name: plural(k.kind), kind: k.kind, namespaced: k.namespaced, verbs: ['get', 'list'] });
    byGroupVersion.set(k.apiVersion, list);
  }
  const kindOf = new Map<string, string>(); // `${apiVersion} ${plural}` -> kind
  for (const [gv, resources] of byGroupVersion) for (const r of resources) kindOf.set(`${gv} ${r.name}`, r.kind);
  const listed: string[] = [];

  const server = await startTinyServer(async (req, res: ServerResponse) => {
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const url = new URL(req.url, 'http://fake');
    const m = /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))(?:\/namespaces\/([^/]+))?(?:\/([^/]+)(?:\/([^/]+))?)?$/.exec(url.pathname);
    if (!m) return false;
    const gv = (m[1] ?? m[2]) as string;
    const [, , , ns, resource, name] = m;
    if (!resource) {
      const resources = byGroupVersion.get(gv);
      if (!resources) return status(res, 404, 'NotFound', 'no such group version');
      return json(res, { kind: 'APIResourceList', groupVersion: gv, resources });
    }
    const kind = kindOf.get(`${gv} ${resource}`);
    if (!kind) return status(res, 404, 'NotFound', `no resource ${resource}`);
    const matching = objects.filter((o) => o.apiVersion === gv && o.kind === kind && (ns === undefined || o.metadata.namespace === ns));
    if (name) {
      const found = matching.find((o) => o.metadata.name === name);
      return found ? json(res, found) : status(res, 404, 'NotFound', `${resource} "${name}" not found`);
    }
    listed.push(`${gv} ${kind}`);
    const limit = Number(url.searchParams.get('limit') ?? 500);
    const from = Number(url.searchParams.get('continue') ?? 0);
    const next = from + limit < matching.length ? String(from + limit) : undefined;
    // Lists carry apiVersion/kind on the list, not on the items, as the API server does.
    const items = matching.slice(from, from + limit).map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
    return json(res, { kind: `${kind}List`, apiVersion: gv, metadata: { resourceVersion: '1', ...(next ? { continue: next } : {}) }, items });
  }, { namespace: options.namespace ?? 'team-a' });
  return Object.assign(server, { listed });
}
