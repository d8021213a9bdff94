/**
 * The Istio simulation (../istio-sim) as a client of a real API server. It watches the cluster, fills the
 * caBundle of webhooks that point at an existing Service (as istiod does, with the cluster CA that signed the
 * simulated webhook server's certificate), and serves on the simulated cluster network:
 *   - istiod pods: the debug endpoints on 15014 and the admission webhooks on 15017 (HTTPS);
 *   - injected and gateway pods: Envoy's admin API on 15000;
 *   - Service ClusterIPs: forwarded to a running pod the Service selects, on the target port.
 * The real API server reaches these through pods/proxy, services/proxy and admission, exactly as in a cluster.
 * The webhooks admit everything unchanged: the simulated injector adds no sidecar and the simulated validator
 * rejects nothing (the API server's own CRD schemas still do).
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureContext } from 'node:tls';
import type { Socket } from 'node:net';
import type { KubeObject } from '../../../src/kube/types.js';
import { createIstioEndpoints, type IstioSimulationOptions, type IstioEndpoints } from '../istio-sim/index.js';
import { isInjected, isIstiod } from '../istio-sim/mesh.js';
import { fillCaBundles, type StoreAccess } from '../istio-sim/webhook-ca.js';
import type { ClusterCache } from './cache.js';
import type { RealClient } from './client.js';
import type { ConnectionSink } from './network.js';
import type { Pki } from './pki.js';

export interface RealIstioSimulation {
  endpoints: IstioEndpoints;
  /** Where the cluster network sends a connection to ip:port, if anything serves it. */
  route(ip: string, port: number): ConnectionSink | undefined;
  /** Admission requests answered, by webhook path. */
  admissions: Record<string, number>;
  stop(): void;
}

type PodLike = KubeObject & { status?: { podIP?: string; phase?: string }; spec?: { containers?: Array<{ ports?: Array<{ name?: string; containerPort?: number }> }> } };

const targets = new WeakMap<Socket, { pod: KubeObject; port: number }>();

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

/** The port a Service port forwards to on `pod`: a number, or a named container port. */
function targetPort(pod: PodLike, target: number | string | undefined, fallback: number): number | undefined {
  if (target === undefined) return fallback;
  if (typeof target === 'number') return target;
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === target) return p.containerPort;
  return undefined;
}

export function startRealIstioSimulation(client: RealClient, cache: ClusterCache, pki: Pki, options: IstioSimulationOptions = {}): RealIstioSimulation {
  const endpoints = createIstioEndpoints(cache, options);
  const admissions: Record<string, number> = {};

  const debug = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    const target = targets.get(req.socket);
    void readBody(req).then(() => {
      const answer = target ? endpoints.answer({ namespace: target.pod.metadata.namespace ?? 'default', pod: target.pod.metadata.name ?? '', port: target.port, path: req.url ?? '/', method: req.method ?? 'GET' }, target.pod) : undefined;
      if (!answer) res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
      else res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' }).end(answer.body);
    });
  });

  const webhook = createHttpsServer(
    {
      SNICallback: (servername, cb) => {
        const ns = /^[^.]+\.([^.]+)\.svc/.exec(servername)?.[1] ?? 'istio-system';
        const pair = pki.webhookServing(ns);
        cb(null, createSecureContext({ cert: pair.certPem, key: pair.keyPem }));
      },
    },
    (req, res) => {
      void readBody(req).then((body) => {
        const path = (req.url ?? '/').split('?')[0] as string;
        admissions[path] = (admissions[path] ?? 0) + 1;
        let uid = '';
        try {
          uid = (JSON.parse(body) as { request?: { uid?: string } }).request?.uid ?? '';
        } catch {
          res.writeHead(400, { 'content-type': 'text/plain' }).end('not an AdmissionReview\n');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid, allowed: true } }));
      });
    },
  );
  webhook.on('tlsClientError', () => undefined);

  const podByIp = (ip: string): PodLike | undefined =>
    (cache.list('v1', 'Pod') as PodLike[]).find((p) => p.status?.podIP === ip && p.status.phase === 'Running' && !p.metadata.deletionTimestamp);

  const routePod = (pod: PodLike, port: number): ConnectionSink | undefined => {
    if (isIstiod(pod) && port === 15017) return webhook;
    const serves = (isIstiod(pod) && port === 15014) || (isInjected(pod) && port === 15000);
    if (!serves) return undefined;
    return {
      emit: (_event: 'connection', socket: Socket) => {
        targets.set(socket, { pod, port });
        return debug.emit('connection', socket);
      },
    };
  };

  const route = (ip: string, port: number): ConnectionSink | undefined => {
    const pod = podByIp(ip);
    if (pod) return routePod(pod, port);
    const svc = cache.list('v1', 'Service').find((s) => (s.spec as { clusterIP?: string } | undefined)?.clusterIP === ip);
    if (!svc) return undefined;
    const spec = svc.spec as { selector?: Record<string, string>; ports?: Array<{ port?: number; targetPort?: number | string }> };
    const svcPort = spec.ports?.find((p) => p.port === port);
    if (!svcPort || !spec.selector) return undefined;
    const selector = spec.selector;
    for (const candidate of cache.list('v1', 'Pod', svc.metadata.namespace) as PodLike[]) {
      if (candidate.status?.phase !== 'Running' || candidate.metadata.deletionTimestamp) continue;
      if (!Object.entries(selector).every(([k, v]) => candidate.metadata.labels?.[k] === v)) continue;
      const tp = targetPort(candidate, svcPort.targetPort, port);
      const sink = tp === undefined ? undefined : routePod(candidate, tp);
      if (sink) return sink;
    }
    return undefined;
  };

  // istiod's CA patching, written through the real API server.
  const store: StoreAccess = {
    list: (apiVersion, kind, namespace) => cache.list(apiVersion, kind, namespace),
    get: (ref) => cache.get(ref),
    seed: (objects) => {
      for (const o of objects) {
        const plural = o.kind === 'MutatingWebhookConfiguration' ? 'mutatingwebhookconfigurations' : 'validatingwebhookconfigurations';
        void client.call('PUT', `/apis/admissionregistration.k8s.io/v1/${plural}/${o.metadata.name ?? ''}`, o).catch(() => undefined);
      }
    },
  };
  // One fill per burst of webhook or Service changes.
  let scheduled = false;
  const off = cache.onChange((kind) => {
    if (!kind.startsWith('admissionregistration.k8s.io/') && kind !== 'v1/Service') return;
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      try {
        fillCaBundles(store, pki.ca.certPem);
      } catch {
        // the next change tries again
      }
    }, 20);
  });

  return {
    endpoints,
    route,
    admissions,
    stop: () => {
      off();
      debug.closeAllConnections();
      webhook.closeAllConnections();
    },
  };
}
