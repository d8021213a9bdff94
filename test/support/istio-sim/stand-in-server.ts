/**
 * A stand-in for the loopback API server (test/support/apiserver) with the part of its contract that
 * proxy-status, proxy-config and precheck tests need: real HTTP with a kubeconfig (tiny-server), discovery
 * for a few kinds, get/list (equality and existence label selectors), pods/proxy and port-forward hooks,
 * `deny()` (403 Status as RBAC words it), latency faults, SelfSubjectAccessReview, a request log, /version.
 * `startSimCluster` (./cluster.ts) uses the loopback server instead once it exists.
 */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../../../src/kube/types.js';
import { servePortForward } from '../tiny-portforward.js';
import { json, startTinyServer, status } from '../tiny-server.js';
import type { PodProxyAnswer, PodProxyRequest } from './index.js';

const KINDS: Array<[apiVersion: string, kind: string, plural: string, namespaced: boolean]> = [
  ['v1', 'Namespace', 'namespaces', false],
  ['v1', 'Pod', 'pods', true],
  ['v1', 'Service', 'services', true],
  ['v1', 'ConfigMap', 'configmaps', true],
  ['apps/v1', 'Deployment', 'deployments', true],
  ['apps/v1', 'StatefulSet', 'statefulsets', true],
  ['apps/v1', 'DaemonSet', 'daemonsets', true],
  ['apps/v1', 'ReplicaSet', 'replicasets', true],
  ['admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false],
  ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'customresourcedefinitions', false],
];

export interface StandInRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

export interface StandInServer {
  url: string;
  token: string;
  kubeconfigPath: string;
  requests: StandInRequest[];
  clearRequests(): void;
  faults: { add(rule: { latencyMs?: number; path?: RegExp | string }): () => void; clear(): void };
  deny(verb: string, resource: string, opts?: { subresource?: string; namespace?: string; group?: string }): () => void;
  seed(objects: KubeObject[]): void;
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[];
  get(ref: { apiVersion: string; kind: string; namespace?: string; name: string }): KubeObject | undefined;
  onPodProxy(handler: (req: PodProxyRequest) => PodProxyAnswer): () => void;
  onPortForward(handler: (req: { namespace: string; pod: string; port: number; request: string }) => string | undefined): () => void;
  setKubernetesVersion(gitVersion: string): void;
  close(): Promise<void>;
}

function matches(labels: Record<string, string> | undefined, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const t = term.trim();
    if (t.startsWith('!')) return !(labels && t.slice(1) in labels);
    const eq = /^([^=!]+)(==|=|!=)(.*)$/.exec(t);
    if (!eq) return labels !== undefined && t in labels;
    const [, k, op, v] = eq as unknown as [string, string, string, string];
    return op === '!=' ? labels?.[k] !== v : labels?.[k] === v;
  });
}

const key = (apiVersion: string, kind: string, namespace: string | undefined, name: string) => `${apiVersion}|${kind}|${namespace ?? ''}|${name}`;

export async function startStandInServer(seed: KubeObject[] = []): Promise<StandInServer> {
  const store = new Map<string, KubeObject>();
  const requests: StandInRequest[] = [];
  const latency: Array<{ latencyMs?: number; path?: RegExp | string }> = [];
  const denials: Array<{ verb: string; resource: string; subresource?: string; namespace?: string }> = [];
  const proxyHandlers: Array<(req: PodProxyRequest) => PodProxyAnswer> = [];
  const forwardHandlers: Array<(req: { namespace: string; pod: string; port: number; request: string }) => string | undefined> = [];
  let gitVersion = 'v1.32.3';
  const put = (o: KubeObject) => store.set(key(o.apiVersion, o.kind, o.metadata.namespace, o.metadata.name ?? ''), structuredClone(o));
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  seed.forEach(put);
  const list = (apiVersion: string, kind: string, namespace?: string) =>
    [...store.values()].filter((o) => o.apiVersion === apiVersion && o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace));
  const denied = (verb: string, resource: string, subresource: string | undefined, namespace: string | undefined) =>
    denials.some((d) => d.verb === verb && d.resource === resource && d.subresource === subresource && (d.namespace === undefined || d.namespace === namespace));
  const forbid = (res: ServerResponse, verb: string, resource: string, name: string | undefined, namespace: string | undefined) =>
    status(res, 403, 'Forbidden', `${resource.split('/')[0]}${name ? ` "${name}"` : ''} is forbidden: User "sailctl-test" cannot ${verb} resource "${resource}" in API group ""${namespace ? ` in the namespace "${namespace}"` : ''}`);

  const server = await startTinyServer(async (req, res) => {
    const url = new URL(req.url, 'http://stand-in');
    const record: StandInRequest = { method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: 200 };
    requests.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    for (const f of latency) {
      if (f.latencyMs && (f.path === undefined || (typeof f.path === 'string' ? url.pathname.includes(f.path) : f.path.test(url.pathname)))) {
        await new Promise((r) => setTimeout(r, f.latencyMs));
      }
    }
    if (url.pathname === '/version') return json(res, { major: gitVersion.replace(/^v(\d+).*/, '$1'), minor: gitVersion.replace(/^v\d+\.(\d+).*/, '$1'), gitVersion, platform: 'linux/amd64' });
    if (url.pathname === '/api') return json(res, { kind: 'APIVersions', versions: ['v1'] });
    if (url.pathname === '/apis') {
      const gvs = [...new Set(KINDS.map(([gv]) => gv).filter((gv) => gv.includes('/')))];
      return json(res, { kind: 'APIGroupList', apiVersion: 'v1', groups: gvs.map((gv) => ({ name: gv.split('/')[0], versions: [{ groupVersion: gv, version: 'v1' }], preferredVersion: { groupVersion: gv, version: 'v1' } })) });
    }
    if (url.pathname === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews' && req.method === 'POST') {
      const attrs = (JSON.parse(req.body) as { spec?: { resourceAttributes?: { verb?: string; resource?: string; subresource?: string; namespace?: string } } }).spec?.resourceAttributes ?? {};
      const no = denied(attrs.verb ?? '', attrs.resource ?? '', attrs.subresource || undefined, attrs.namespace || undefined);
      return json(res, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', status: { allowed: !no, ...(no ? { reason: 'denied by the test' } : {}) } }, 201);
    }
    const proxy = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/:]+)(?::(\d+))?\/proxy(\/.*)?$/.exec(url.pathname);
    if (proxy) {
      const [, namespace = '', pod = '', port = '80', rest = '/'] = proxy;
      if (denied(req.method === 'GET' ? 'get' : 'create', 'pods', 'proxy', namespace)) return forbid(res, req.method === 'GET' ? 'get' : 'create', 'pods/proxy', pod, namespace);
      const podObject = store.get(key('v1', 'Pod', namespace, pod));
      if (!podObject) return status(res, 404, 'NotFound', `pods "${pod}" not found`);
      const path = `${rest}${url.search}`;
      for (const h of proxyHandlers) {
        const answer = h({ namespace, pod, port: Number(port), path, method: req.method, body: req.body, podObject });
        if (answer) {
          res.writeHead(answer.status, { 'Content-Type': answer.contentType ?? 'text/plain' });
          res.end(answer.body);
          return;
        }
      }
      return status(res, 503, 'ServiceUnavailable', `error trying to reach service: dial tcp: connect: connection refused`);
    }
    if (url.pathname === '/api/v1' || url.pathname.startsWith('/apis/') && url.pathname.split('/').length === 4) {
      const gv = url.pathname === '/api/v1' ? 'v1' : url.pathname.slice('/apis/'.length);
      const resources = KINDS.filter(([g]) => g === gv).map(([, kind, plural, namespaced]) => ({ name: plural, kind, namespaced, verbs: ['get', 'list'] }));
      if (gv === 'v1') resources.push({ name: 'pods/proxy', kind: 'PodProxyOptions', namespaced: true, verbs: ['get', 'create'] });
      return resources.length > 0 ? json(res, { kind: 'APIResourceList', groupVersion: gv, resources }) : status(res, 404, 'NotFound', 'no such group');
    }
    const m = /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!m || req.method !== 'GET') return status(res, 404, 'NotFound', 'the server could not find the requested resource');
    const apiVersion = (m[1] ?? m[2]) as string;
    const [, , , ns, plural, name] = m;
    const info = KINDS.find(([gv, , p]) => gv === apiVersion && p === plural);
    if (!info) return status(res, 404, 'NotFound', `the server could not find the requested resource (${plural})`);
    if (denied(name ? 'get' : 'list', plural ?? '', undefined, ns)) return forbid(res, name ? 'get' : 'list', plural ?? '', name, ns);
    if (name) {
      const o = store.get(key(apiVersion, info[1], ns, name));
      return o ? json(res, o) : status(res, 404, 'NotFound', `${plural} "${name}" not found`);
    }
    const items = list(apiVersion, info[1], ns)
      .filter((o) => matches(o.metadata.labels, url.searchParams.get('labelSelector')))
      .map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
    return json(res, { apiVersion, kind: `${info[1]}List`, metadata: { resourceVersion: '1' }, items });
  }, { namespace: 'default' });

  servePortForward(server.httpServer, server.token, (req) => {
    requests.push({ method: 'GET', path: `/api/v1/namespaces/${req.namespace}/pods/${req.pod}/portforward`, query: { ports: String(req.port) }, status: 101 });
    if (denied('create', 'pods', 'portforward', req.namespace) || denied('get', 'pods', 'portforward', req.namespace)) return { error: 'forbidden: cannot create pods/portforward' };
    for (const h of forwardHandlers) {
      const answer = h(req);
      if (answer !== undefined) return answer;
    }
    return { error: `unable to do port forwarding: nothing listens on port ${req.port}` };
  });

  const register = <T>(arr: T[], item: T) => {
    arr.push(item);
    return () => {
      const i = arr.indexOf(item);
      if (i >= 0) arr.splice(i, 1);
    };
  };
  return {
    url: server.url,
    token: server.token,
    kubeconfigPath: server.kubeconfigPath,
    requests,
    clearRequests: () => void requests.splice(0),
    faults: { add: (rule) => register(latency, rule), clear: () => void latency.splice(0) },
    deny: (verb, resource, opts = {}) => register(denials, { verb, resource, subresource: opts.subresource, namespace: opts.namespace }),
    seed: (objects) => objects.forEach(put),
    list,
    get: (ref) => store.get(key(ref.apiVersion, ref.kind, ref.namespace, ref.name)),
    onPodProxy: (h) => register(proxyHandlers, h),
    onPortForward: (h) => register(forwardHandlers, h),
    setKubernetesVersion: (v) => void (gitVersion = v),
    close: () => server.close(),
  };
}
