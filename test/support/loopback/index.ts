/**
 * The loopback Kubernetes API server: a real HTTPS server on 127.0.0.1 that @kubernetes/client-node and
 * kubectl talk to, following API server semantics (Status bodies, server-side apply, watch, discovery, CRDs,
 * simulated workload controllers). A test fixture and the local demo target — never a substitute for a cluster.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../../../src/kube/types.js';
import { Controllers } from './controllers.js';
import { Denials, Faults, type FaultRule } from './faults.js';
import { KindRegistry, splitApiVersion } from './kinds.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { ObjectApi, timestamp } from './objects.js';
import { attachPortForward, type PortForwardHandler } from './portforward.js';
import { createApiServer, type PodProxyHandler, type RequestHook, type RequestRecord, type ServerState } from './server.js';
import { clone, ObjectStore, resourceKey } from './store.js';
import { loopbackTls } from './tls.js';

export type { FaultRule, PodProxyHandler, PortForwardHandler, RequestHook, RequestRecord };

export interface ApiServerOptions {
  readyDelayMs?: number;
  kubernetesVersion?: string;
  token?: string;
  dir?: string;
  port?: number;
  seed?: KubeObject[];
}

export interface ApiServer {
  url: string;
  token: string;
  kubeconfigPath: string;
  caPem: string;
  close(): Promise<void>;
  requests: RequestRecord[];
  clearRequests(): void;
  faults: { add(rule: FaultRule): () => void; clear(): void };
  deny(verb: string, resource: string, opts?: { group?: string; namespace?: string; subresource?: string }): () => void;
  seed(objects: KubeObject[]): void;
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[];
  get(ref: { apiVersion: string; kind: string; namespace?: string; name: string }): KubeObject | undefined;
  setReadyDelay(ms: number): void;
  keepUnready(namespace: string, workloadName: string, reason?: string): () => void;
  onPodProxy(handler: PodProxyHandler): () => void;
  onPortForward(handler: PortForwardHandler): () => void;
  /** Calls `hook` as each request arrives, before it is handled; returns the function that removes it. */
  onRequest(hook: RequestHook): () => void;
  expireWatchHistory(): void;
}

const BASE_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

function baseObjects(): KubeObject[] {
  return [
    ...BASE_NAMESPACES.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'loopback-node', labels: { 'kubernetes.io/hostname': 'loopback-node', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' } },
      spec: {},
      status: {
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
        addresses: [{ type: 'InternalIP', address: '10.0.0.10' }, { type: 'Hostname', address: 'loopback-node' }],
        nodeInfo: { kubeletVersion: 'v1.32.3', operatingSystem: 'linux', architecture: 'amd64', containerRuntimeVersion: 'containerd://1.7.0' },
        capacity: { cpu: '8', memory: '32Gi', pods: '110' },
        allocatable: { cpu: '8', memory: '32Gi', pods: '110' },
      },
    },
  ];
}

export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  const tls = loopbackTls();
  const kinds = new KindRegistry();
  const store = new ObjectStore();
  const api = new ObjectApi(store, kinds);
  const faults = new Faults();
  const denials = new Denials();
  const requests: RequestRecord[] = [];
  const podProxies: PodProxyHandler[] = [];
  const requestHooks: RequestHook[] = [];
  const portForwards: PortForwardHandler[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const ignoredUids = new Set<string>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  api.onCrdChange = (crd, deleted) => {
    if (deleted) {
      for (const t of kinds.unregisterCrd(crd.metadata.name ?? '')) {
        for (const o of [...store.list(resourceKey(t))]) store.remove(resourceKey(t), o.metadata.namespace, o.metadata.name ?? '');
      }
      return;
    }
    later(5, () => establishCrd(crd.metadata.name ?? ''));
  };
  const establishCrd = (name: string): void => {
    const live = store.get('apiextensions.k8s.io/customresourcedefinitions', undefined, name);
    if (!live) return;
    kinds.registerCrd(live);
    const spec = live.spec as Record<string, any>;
    const now = timestamp();
    const cond = (type: string, reason: string, message: string): Record<string, string> => ({ type, status: 'True', lastTransitionTime: now, reason, message });
    const status = {
      conditions: [cond('NamesAccepted', 'NoConflicts', 'no conflicts found'), cond('Established', 'InitialNamesAccepted', 'the initial names have been accepted')],
      acceptedNames: spec.names,
      storedVersions: ((spec.versions ?? []) as Array<{ name: string; storage?: boolean }>).filter((v) => v.storage).map((v) => v.name),
    };
    if (JSON.stringify((live.status as any)?.conditions?.map((c: any) => [c.type, c.status])) === JSON.stringify(status.conditions.map((c) => [c.type, c.status])) &&
      JSON.stringify((live.status as any)?.acceptedNames) === JSON.stringify(status.acceptedNames)) return;
    store.put('apiextensions.k8s.io/customresourcedefinitions', { ...live, status });
  };
  // A namespace goes once its contents are gone; objects with finalizers hold it, so look again until then.
  const finishNamespace = (name: string): void => {
    if (!api.finishNamespace(name)) later(10, () => finishNamespace(name));
  };
  api.onNamespaceTerminating = (name) => later(10, () => finishNamespace(name));

  // Seeded objects are stored as given: the controllers never reconcile them or make seeded pods ready.
  const controllers = new Controllers(api, options.readyDelayMs ?? 0, ignoredUids);
  const seed = (objects: KubeObject[]): void => {
    for (const raw of objects) {
      const t = kinds.byKind(raw.apiVersion, raw.kind) ?? kinds.unserved(raw.apiVersion, raw.kind, raw.metadata?.namespace !== undefined);
      const o = clone(raw);
      o.metadata = { ...o.metadata };
      if (t.namespaced) o.metadata.namespace ??= 'default';
      o.metadata.uid ??= crypto.randomUUID();
      o.metadata.creationTimestamp ??= timestamp();
      o.metadata.generation ??= 1;
      if (t.kind === 'Namespace' && t.group === '') o.status ??= { phase: 'Active' };
      ignoredUids.add(o.metadata.uid as string);
      store.put(resourceKey(t), o);
      if (t.kind === 'CustomResourceDefinition') establishCrd(o.metadata.name ?? '');
    }
  };
  seed(baseObjects());
  seed(options.seed ?? []);

  let address = '';
  const state: ServerState = {
    token: options.token ?? randomBytes(16).toString('hex'),
    kubernetesVersion: options.kubernetesVersion ?? 'v1.32.3',
    api,
    kinds,
    faults,
    denials,
    requests,
    podProxies,
    requestHooks,
    address: () => address,
  };
  const server = createApiServer(state, tls);
  attachPortForward(server, state, portForwards);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  address = `127.0.0.1:${port}`;
  const url = `https://127.0.0.1:${port}`;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'sailctl-loopback-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigPath, kubeconfigYaml(url, tls.caPem, state.token), { mode: 0o600 });
  controllers.start();

  const remove = <T>(list: T[], item: T) => () => {
    const i = list.indexOf(item);
    if (i >= 0) list.splice(i, 1);
  };

  return {
    url,
    token: state.token,
    kubeconfigPath,
    caPem: tls.caPem,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    faults: { add: (rule) => faults.add(rule), clear: () => faults.clear() },
    deny: (verb, resource, opts = {}) => denials.add({ verb, resource, ...opts }),
    seed,
    list: (apiVersion, kind, namespace) => {
      const t = kinds.byKind(apiVersion, kind) ?? kinds.unserved(apiVersion, kind, true);
      return api.list(t, namespace);
    },
    get: (ref) => {
      const t = kinds.byKind(ref.apiVersion, ref.kind) ?? kinds.unserved(ref.apiVersion, ref.kind, ref.namespace !== undefined);
      return api.find(t, ref.namespace ?? (t.namespaced ? 'default' : undefined), ref.name);
    },
    setReadyDelay: (ms) => controllers.setReadyDelay(ms),
    keepUnready: (namespace, workloadName, reason) => controllers.keepUnready(namespace, workloadName, reason ?? 'ImagePullBackOff'),
    onPodProxy: (handler) => {
      podProxies.push(handler);
      return remove(podProxies, handler);
    },
    onPortForward: (handler) => {
      portForwards.push(handler);
      return remove(portForwards, handler);
    },
    onRequest: (hook) => {
      requestHooks.push(hook);
      return remove(requestHooks, hook);
    },
    expireWatchHistory: () => store.expireHistory(),
    close: async () => {
      controllers.stop();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export { splitApiVersion };
