/**
 * The simulated parts of Istio for tests and the demo: registered on the loopback API server's pods/proxy
 * and port-forward hooks, it answers
 *   - for pods labelled app=istiod, port 15014: `/debug/syncz` (the injected pods the server knows, spread
 *     over the istiod replicas, with configurable STALE / NOT_SENT / ERROR states) and
 *     `/debug/config_dump?proxyID=` (what istiod would send that proxy);
 *   - for injected pods, port 15000: Envoy's `/config_dump` (`?include_eds`), `/clusters?format=json`,
 *     `/logging` (GET, and POST to change levels).
 * Nothing runs: no istiod, no Envoy. The documents follow the real formats; their contents are derived from
 * the Pods and Services in the server's store. Test/demo fixture only.
 */
import { camelKeys } from '../../../src/proxystatus/json-keys.js';
import type { KubeObject } from '../../../src/kube/types.js';
import { clusterStatuses, configDump } from './envoy.js';
import { isInjected, isIstiod, readMesh, type StoreView } from './mesh.js';
import { replicaOf, synczDocument, type SimStatus } from './syncz.js';
import { simulateIstiodCa, type StoreAccess } from './webhook-ca.js';

export type { SimStatus };

export interface PodProxyRequest {
  namespace: string;
  pod: string;
  port: number;
  path: string;
  method: string;
  body: string;
  podObject: KubeObject;
}
export type PodProxyAnswer = { status: number; body: string; contentType?: string } | undefined;

/** The part of the loopback API server (test/support/apiserver) the simulation needs. */
export interface SimulationHost extends StoreView {
  onPodProxy(handler: (req: PodProxyRequest) => PodProxyAnswer): () => void;
  onPortForward(handler: (req: { namespace: string; pod: string; port: number; request: string }) => string | undefined): () => void;
  get?(ref: { apiVersion: string; kind: string; namespace?: string; name: string }): KubeObject | undefined;
  seed?(objects: KubeObject[]): void;
}

export interface IstioSimulationOptions {
  /** ISTIO_VERSION the proxies report (default 1.31.4). */
  version?: string;
  clusterId?: string;
  /** xDS types every proxy subscribes to (default CDS, LDS, EDS, RDS, ECDS). */
  types?: string[];
  /** Per proxy id (`pod.namespace`), per type: STALE, NOT_SENT or ERROR instead of SYNCED. */
  states?: Record<string, Record<string, SimStatus>>;
  /** How long ago the last push was (default 65 s), relative to `now()`. */
  pushedAgoMs?: number;
  /** The clock (default Date.now); fix it for deterministic JSON. */
  now?: () => number;
  /** Per proxy id: clusters istiod sends that this Envoy lacks (drift shown by `proxy-status POD`). */
  missingClusters?: Record<string, string[]>;
  /** Answer these documents with broken JSON: istiod pod names (syncz) and proxy ids (config dump). */
  malformed?: { syncz?: string[]; configDump?: string[] };
}

export interface IstioSimulation {
  /** Changes the status of one type of one proxy from now on. */
  setState(proxyId: string, type: string, status: SimStatus | 'SYNCED'): void;
  /** Requests answered so far, by kind (`syncz`, `config_dump`, ...). */
  served: Record<string, number>;
  uninstall(): void;
}

function ok(body: unknown): PodProxyAnswer {
  return { status: 200, body: typeof body === 'string' ? body : JSON.stringify(body), contentType: typeof body === 'string' ? 'text/plain' : 'application/json' };
}

/** The answers of simulated istiod and Envoy endpoints, computed from what `view` shows of the cluster. */
export interface IstioEndpoints {
  /** Answers one HTTP request to a pod's port, or undefined when the simulation has nothing on it. */
  answer(req: { namespace: string; pod: string; port: number; path: string; method: string }, podObject: KubeObject): PodProxyAnswer;
  setState(proxyId: string, type: string, status: SimStatus | 'SYNCED'): void;
  served: Record<string, number>;
}

export function createIstioEndpoints(server: StoreView, options: IstioSimulationOptions = {}): IstioEndpoints {
  const version = options.version ?? '1.31.4';
  const now = options.now ?? Date.now;
  const states: Record<string, Record<string, SimStatus>> = structuredClone(options.states ?? {});
  const served: Record<string, number> = {};
  const levels = new Map<string, Record<string, string>>();
  const count = (what: string) => (served[what] = (served[what] ?? 0) + 1);
  // Milliseconds kept: ages computed from it are then exact to the second (65 s ago prints as 1m5s).
  const lastUpdated = () => new Date(now() - (options.pushedAgoMs ?? 65_000)).toISOString();

  const answer = (req: { namespace: string; pod: string; port: number; path: string; method: string }, podObject: KubeObject): PodProxyAnswer => {
    const url = new URL(req.path, 'http://pod');
    if (isIstiod(podObject) && req.port === 15014) {
      const mesh = readMesh(server);
      const replicas = server.list('v1', 'Pod', req.namespace).filter((p) => isIstiod(p) && (p.status as { phase?: string } | undefined)?.phase === 'Running').map((p) => p.metadata.name ?? '').sort();
      const index = Math.max(0, replicas.indexOf(req.pod));
      if (url.pathname === '/debug/syncz') {
        count('syncz');
        if (options.malformed?.syncz?.includes(req.pod)) return ok('{"resources": [ {"node": ');
        const mine = mesh.pods.filter((p) => replicaOf(p.id, replicas.length) === index);
        return ok(synczDocument(req.pod, mine, { version, clusterId: options.clusterId ?? 'Kubernetes', types: options.types ?? ['CDS', 'LDS', 'EDS', 'RDS', 'ECDS'], states, lastUpdated: lastUpdated() }));
      }
      if (url.pathname === '/debug/config_dump') {
        count('istiod_config_dump');
        const pod = mesh.pods.find((p) => p.id === url.searchParams.get('proxyID'));
        if (!pod) return { status: 404, body: `proxy not connected: ${url.searchParams.get('proxyID') ?? ''}`, contentType: 'text/plain' };
        return ok(camelKeys(configDump(pod, mesh, { version, lastUpdated: lastUpdated() }, false)));
      }
      return { status: 404, body: '404 page not found\n', contentType: 'text/plain' };
    }
    if (isInjected(podObject) && req.port === 15000) {
      const mesh = readMesh(server);
      const pod = mesh.pods.find((p) => p.name === req.pod && p.namespace === req.namespace);
      if (!pod) return undefined;
      if (url.pathname === '/config_dump') {
        count('config_dump');
        if (options.malformed?.configDump?.includes(pod.id)) return ok('{"configs": [ {"@type": "type.googleapis.com/envoy.admin.v3.Bootst');
        return ok(configDump(pod, mesh, { version, lastUpdated: lastUpdated(), missingClusters: options.missingClusters?.[pod.id] }, url.searchParams.has('include_eds')));
      }
      if (url.pathname === '/clusters') {
        count('clusters');
        return ok(clusterStatuses(mesh));
      }
      if (url.pathname === '/logging') {
        count('logging');
        const current = levels.get(pod.id) ?? { admin: 'warning', client: 'warning', config: 'warning', connection: 'warning', http: 'warning', router: 'warning', upstream: 'warning', wasm: 'warning' };
        if (req.method === 'POST') {
          const next = { ...current };
          for (const [k, v] of url.searchParams) {
            if (k === 'level') for (const name of Object.keys(next)) next[name] = v;
            else if (k in next) next[k] = v;
            else if (k === 'paths') for (const pair of v.split(',')) { const [n, l] = pair.split(':'); if (n && l && n in next) next[n] = l; }
          }
          levels.set(pod.id, next);
          return ok(`active loggers:\n${Object.entries(next).map(([n, l]) => `  ${n}: ${l}`).join('\n')}\n`);
        }
        return ok(`active loggers:\n${Object.entries(current).map(([n, l]) => `  ${n}: ${l}`).join('\n')}\n`);
      }
      return { status: 404, body: 'invalid path\n', contentType: 'text/plain' };
    }
    return undefined;
  };

  return {
    answer,
    setState(proxyId, type, status) {
      const forProxy = (states[proxyId] ??= {});
      if (status === 'SYNCED') delete forProxy[type];
      else forProxy[type] = status;
    },
    served,
  };
}

/**
 * The simulation on the loopback API server: answers pods/proxy and port-forward through the server's hooks,
 * and fills the caBundle of webhooks that point at an existing Service, as istiod does.
 */
export function installIstioSimulation(server: SimulationHost, options: IstioSimulationOptions = {}): IstioSimulation {
  const endpoints = createIstioEndpoints(server, options);
  const answer = endpoints.answer;
  const stopCa = server.seed && server.get ? simulateIstiodCa(server as StoreAccess) : () => undefined;
  const offProxy = server.onPodProxy((req) => answer(req, req.podObject));
  const offForward = server.onPortForward((req) => {
    const line = /^(GET|POST) (\S+) HTTP/.exec(req.request);
    if (!line) return undefined;
    const podObject = server.list('v1', 'Pod', req.namespace).find((p) => p.metadata.name === req.pod);
    if (!podObject) return undefined;
    const res = answer({ namespace: req.namespace, pod: req.pod, port: req.port, path: line[2] as string, method: line[1] as string }, podObject);
    if (!res) return undefined;
    const body = Buffer.from(res.body, 'utf8');
    const reason = res.status === 200 ? 'OK' : 'Not Found';
    return `HTTP/1.1 ${res.status} ${reason}\r\nContent-Type: ${res.contentType ?? 'text/plain'}\r\nContent-Length: ${body.length}\r\n\r\n${body.toString('latin1')}`;
  });

  return {
    setState: endpoints.setState,
    served: endpoints.served,
    uninstall() {
      stopCa();
      offProxy();
      offForward();
    },
  };
}
