/**
 * The cluster the install tests run against: the loopback API server (test/support/apiserver) when it is
 * there, otherwise the in-memory FakeKube served over HTTP. Both speak HTTP to the real cluster port, so the
 * tests are the same; fault injection and RBAC denial need the loopback server.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { INSTALLED_KINDS } from '../../src/install/inventory.js';
import { keyOf } from '../../src/install/refs.js';
import { KubeApiError } from '../../src/kube/errors.js';
import type { KubeObject } from '../../src/kube/types.js';
import { startFakeKubeServer } from '../support/fake-kube-server.js';
import { simulateIstiodCa } from '../support/istio-sim/webhook-ca.js';

const loopbackEntry = fileURLToPath(new URL('../support/apiserver/index.ts', import.meta.url));
export const LOOPBACK_AVAILABLE = existsSync(loopbackEntry);
export const LOOPBACK_MISSING = 'the loopback API server (test/support/apiserver) is not in this tree yet';

export interface Write {
  method: string;
  path: string;
  dryRun: boolean;
}

export interface TestCluster {
  kind: 'loopback' | 'fake';
  kubeconfigPath: string;
  /** The bearer token of the kubeconfig: must never show up in any output. */
  token: string;
  /** Mutating requests since the last clearRequests(). */
  writes(): Write[];
  clearRequests(): void;
  keepUnready(namespace: string, name: string, reason: string): void;
  get(apiVersion: string, kind: string, name: string, namespace?: string): KubeObject | undefined;
  /** Keys of every object of the kinds an install creates (Namespaces other than istio ones excluded). */
  objectKeys(): string[];
  /** Fail ~fraction of requests with 503, 429 and dropped connections. */
  injectFaults(fraction: number): void;
  /** How many requests got an injected 503/429 (or, on the stand-in, any injected fault). */
  faultsAnswered(): number;
  /** RBAC-style 403 for patching (server-side apply) this kind. */
  denyApply(resource: string, group: string, kind: string): void;
  /** The loopback server itself (faults, deny), when running on it. */
  loopback?: LoopbackServer;
  close(): Promise<void>;
}

/** The part of the loopback server's contract these tests use. */
export interface LoopbackServer {
  kubeconfigPath: string;
  token: string;
  requests: Array<{ method: string; path: string; dryRun: boolean; status: number }>;
  clearRequests(): void;
  faults: { add(rule: Record<string, unknown>): () => void; clear(): void };
  deny(verb: string, resource: string, opts?: Record<string, unknown>): () => void;
  keepUnready(namespace: string, name: string, reason?: string): () => void;
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[];
  get(ref: { apiVersion: string; kind: string; namespace?: string; name: string }): KubeObject | undefined;
  seed(objects: KubeObject[]): void;
  /** Called as each request arrives, before it is handled; returns the function that removes the hook. */
  onRequest(hook: (request: { method: string; path: string; verb: string; resource?: string; namespace?: string; name?: string; dryRun: boolean }) => void): () => void;
  close(): Promise<void>;
}

const SYSTEM_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
const interesting = (o: KubeObject) => !(o.kind === 'Namespace' && SYSTEM_NAMESPACES.has(o.metadata.name ?? ''));

export async function startCluster(options: { readyDelayMs?: number; preferFake?: boolean } = {}): Promise<TestCluster> {
  if (LOOPBACK_AVAILABLE && !options.preferFake) {
    const mod = (await import(/* @vite-ignore */ loopbackEntry)) as { startApiServer(o: { readyDelayMs?: number }): Promise<LoopbackServer> };
    const server = await mod.startApiServer({ readyDelayMs: options.readyDelayMs ?? 0 });
    const stopIstiod = simulateIstiodCa(server);
    return {
      kind: 'loopback',
      kubeconfigPath: server.kubeconfigPath,
      token: server.token,
      writes: () => server.requests.filter((r) => !['GET', 'HEAD'].includes(r.method) && !r.path.includes('selfsubjectaccessreviews')).map((r) => ({ method: r.method, path: r.path, dryRun: r.dryRun })),
      clearRequests: () => server.clearRequests(),
      keepUnready: (ns, name, reason) => void server.keepUnready(ns, name, reason),
      get: (apiVersion, kind, name, namespace) => server.get({ apiVersion, kind, name, ...(namespace ? { namespace } : {}) }),
      objectKeys: () => INSTALLED_KINDS.flatMap((k) => server.list(k.apiVersion, k.kind)).filter(interesting).map((o) => keyOf(o)).sort(),
      injectFaults: (fraction) => {
        server.faults.add({ fraction: fraction / 2, status: 503 });
        server.faults.add({ fraction: fraction / 4, status: 429, retryAfterSeconds: 0 });
        server.faults.add({ fraction: fraction / 4, reset: true });
      },
      faultsAnswered: () => server.requests.filter((r) => r.status === 503 || r.status === 429).length,
      denyApply: (resource, group) => void server.deny('patch', resource, { group }),
      loopback: server,
      close: async () => {
        stopIstiod();
        await server.close();
      },
    };
  }
  const server = await startFakeKubeServer();
  let from = 0;
  return {
    kind: 'fake',
    kubeconfigPath: server.kubeconfigPath,
    token: server.token,
    writes: () => server.writes().slice(from),
    clearRequests: () => {
      from = server.writes().length;
    },
    keepUnready: (ns, name, reason) => server.kube.keepUnready(ns, name, reason),
    injectFaults: (fraction) => server.setFaults(fraction, 7),
    faultsAnswered: () => server.injected(),
    denyApply: (resource, group, kind) => {
      server.kube.failWith = (verb, ref) =>
        verb === 'apply' && ref.kind === kind
          ? new KubeApiError({
              status: 403,
              reason: 'Forbidden',
              verb: 'patch',
              target: resource,
              message: `${resource}.${group} "${ref.name}" is forbidden: User "sailctl-test" cannot patch resource "${resource}" in API group "${group}" in the namespace "${ref.namespace}"`,
            })
          : undefined;
    },
    get: (apiVersion, kind, name, namespace) => server.kube.all().find((o) => o.apiVersion === apiVersion && o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace)),
    objectKeys: () =>
      server.kube
        .all()
        .filter((o) => INSTALLED_KINDS.some((k) => k.kind === o.kind && k.apiVersion === o.apiVersion))
        .filter(interesting)
        .map((o) => keyOf(o))
        .sort(),
    close: () => server.close(),
  };
}
