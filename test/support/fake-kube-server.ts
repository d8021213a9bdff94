/**
 * The in-memory FakeKube served over HTTP (the tiny server: plain http, bearer token, a kubeconfig), so the
 * real cluster port and whole commands can run against it: discovery for the kinds an Istio install uses,
 * get/list (label and `type=` field selectors), server-side apply (PATCH apply-patch), create and delete,
 * with `dryRun=All`. A stand-in for tests until they can use the loopback API server (test/support/apiserver).
 */
import type { ServerResponse } from 'node:http';
import { KubeApiError } from '../../src/kube/errors.js';
import type { KubeObject } from '../../src/kube/types.js';
import { FakeKube } from './fake-kube.js';
import { json, startTinyServer, status, type TinyServer } from './tiny-server.js';

const KINDS: Array<[string, string, string, boolean]> = [
  ['v1', 'Namespace', 'namespaces', false],
  ['v1', 'ServiceAccount', 'serviceaccounts', true],
  ['v1', 'ConfigMap', 'configmaps', true],
  ['v1', 'Secret', 'secrets', true],
  ['v1', 'Service', 'services', true],
  ['v1', 'Endpoints', 'endpoints', true],
  ['v1', 'Pod', 'pods', true],
  ['v1', 'Event', 'events', true],
  ['apps/v1', 'Deployment', 'deployments', true],
  ['apps/v1', 'DaemonSet', 'daemonsets', true],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'clusterroles', false],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'clusterrolebindings', false],
  ['rbac.authorization.k8s.io/v1', 'Role', 'roles', true],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'rolebindings', true],
  ['admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false],
  ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'customresourcedefinitions', false],
  ['policy/v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true],
  ['autoscaling/v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true],
];

export interface FakeKubeServer extends TinyServer {
  kube: FakeKube;
  /**
   * Fail this fraction of requests (other than discovery), in turn with 503, 429 (Retry-After: 0) and a dropped
   * connection; deterministic (seeded). 0 turns it off. Returns how many were injected so far.
   */
  setFaults(fraction: number, seed?: number): void;
  injected(): number;
  /** Mutating requests (PATCH/POST/PUT/DELETE) with whether they were dry runs. */
  writes(): Array<{ method: string; path: string; dryRun: boolean }>;
}

function sendError(res: ServerResponse, err: unknown): void {
  if (err instanceof KubeApiError) status(res, err.status, err.reason, err.message);
  else status(res, 500, 'InternalError', err instanceof Error ? err.message : String(err));
}

export async function startFakeKubeServer(seed: readonly KubeObject[] = []): Promise<FakeKubeServer> {
  const kube = new FakeKube([
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } },
    ...seed,
  ]);
  let fraction = 0;
  let state = 1;
  let injected = 0;
  const random = () => {
    // mulberry32: small, seeded, good enough to spread faults.
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const server = await startTinyServer(async (req, res) => {
    const url = new URL(req.url, 'http://fake');
    const discovery = /^\/(api|apis)(\/[^/]+){0,2}$/.test(url.pathname) && !url.pathname.includes('/namespaces');
    if (fraction > 0 && !discovery && random() < fraction) {
      const kind = injected++ % 3;
      if (kind === 0) return status(res, 503, 'ServiceUnavailable', 'injected fault');
      if (kind === 1) return status(res, 429, 'TooManyRequests', 'injected fault', { 'Retry-After': '0' });
      res.socket?.destroy();
      return;
    }
    if (url.pathname === '/version') return json(res, { major: '1', minor: '32', gitVersion: 'v1.32.3' });
    if (url.pathname === '/api') return json(res, { kind: 'APIVersions', versions: ['v1'] });
    if (url.pathname === '/apis') {
      const groups = [...new Set(KINDS.map(([gv]) => gv).filter((gv) => gv.includes('/')))].map((gv) => {
        const [name, version] = gv.split('/') as [string, string];
        return { name, versions: [{ groupVersion: gv, version }], preferredVersion: { groupVersion: gv, version } };
      });
      return json(res, { kind: 'APIGroupList', apiVersion: 'v1', groups });
    }
    const m = /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))(?:\/namespaces\/([^/]+))?(?:\/([^/]+)(?:\/([^/]+))?)?$/.exec(url.pathname);
    if (!m) return false;
    const apiVersion = (m[1] ?? m[2]) as string;
    let [, , , ns, resource, name] = m;
    // `/api/v1/namespaces/NAME` is the namespace itself, not a namespaced collection.
    if (ns !== undefined && resource === undefined) [resource, name, ns] = ['namespaces', ns, undefined];
    if (!resource) {
      const resources = KINDS.filter(([gv]) => gv === apiVersion).map(([, kind, plural, namespaced]) => ({ name: plural, kind, namespaced, verbs: ['get', 'list', 'create', 'patch', 'delete'] }));
      if (resources.length === 0) return status(res, 404, 'NotFound', 'the server could not find the requested resource');
      return json(res, { kind: 'APIResourceList', groupVersion: apiVersion, resources });
    }
    const kind = KINDS.find(([gv, , plural]) => gv === apiVersion && plural === resource)?.[1];
    if (!kind) return status(res, 404, 'NotFound', `the server could not find the requested resource (${resource})`);
    const dryRun = url.searchParams.get('dryRun') === 'All';
    try {
      if (req.method === 'GET' && !name) {
        const list = await kube.list(apiVersion, kind, {
          namespace: ns,
          labelSelector: url.searchParams.get('labelSelector') ?? undefined,
          fieldSelector: url.searchParams.get('fieldSelector') ?? undefined,
        });
        return json(res, { apiVersion, kind: `${kind}List`, metadata: { resourceVersion: list.resourceVersion }, items: list.items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest) });
      }
      const ref = { apiVersion, kind, name: name ?? '', ...(ns ? { namespace: ns } : {}) };
      if (req.method === 'GET') {
        const o = await kube.get(ref);
        return o ? json(res, o) : status(res, 404, 'NotFound', `${resource} "${name}" not found`);
      }
      if (req.method === 'PATCH') {
        const body = JSON.parse(req.body) as KubeObject;
        body.metadata = { ...body.metadata, ...(ns ? { namespace: ns } : {}) };
        const applied = await kube.apply(body, { dryRun, force: url.searchParams.get('force') === 'true', fieldManager: url.searchParams.get('fieldManager') ?? undefined });
        return json(res, applied);
      }
      if (req.method === 'POST') return json(res, await kube.create(JSON.parse(req.body) as KubeObject, { dryRun }), 201);
      if (req.method === 'DELETE') {
        const gone = await kube.delete(ref, { dryRun });
        return gone === 'deleted' ? json(res, { kind: 'Status', apiVersion: 'v1', status: 'Success' }) : status(res, 404, 'NotFound', `${resource} "${name}" not found`);
      }
      return status(res, 405, 'MethodNotAllowed', `${req.method} is not supported`);
    } catch (err) {
      return sendError(res, err);
    }
  });
  return Object.assign(server, {
    kube,
    setFaults(f: number, seed = 1) {
      fraction = f;
      state = seed;
    },
    injected: () => injected,
    writes: () =>
      server.requests
        .filter((r) => r.method !== 'GET')
        .map((r) => ({ method: r.method, path: r.url.split('?')[0] ?? '', dryRun: new URL(r.url, 'http://x').searchParams.get('dryRun') === 'All' })),
  });
}
