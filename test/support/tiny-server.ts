/**
 * A tiny scripted HTTP server for unit tests of the cluster port: every request goes to `handler`, which
 * answers (or destroys the socket). Serves the discovery documents of a few kinds unless the handler
 * answers them first. Writes a kubeconfig (plain http, bearer token) next to it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type TinyHandler = (req: SeenRequest, res: ServerResponse) => boolean | void | Promise<boolean | void>;

export interface TinyServer {
  url: string;
  token: string;
  kubeconfigPath: string;
  requests: SeenRequest[];
  /** Requests other than discovery. */
  calls(): SeenRequest[];
  /** The underlying server, e.g. to answer WebSocket upgrades. */
  httpServer: Server;
  close(): Promise<void>;
}

const DISCOVERY: Record<string, unknown> = {
  '/api/v1': {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [
      { name: 'pods', namespaced: true, kind: 'Pod', verbs: ['get', 'list', 'watch', 'create', 'delete', 'patch'] },
      { name: 'pods/proxy', namespaced: true, kind: 'PodProxyOptions', verbs: ['get', 'create'] },
      { name: 'configmaps', namespaced: true, kind: 'ConfigMap', verbs: ['get', 'list', 'watch', 'create', 'delete', 'patch'] },
      { name: 'namespaces', namespaced: false, kind: 'Namespace', verbs: ['get', 'list', 'watch', 'create', 'delete', 'patch'] },
    ],
  },
  '/apis/apps/v1': {
    kind: 'APIResourceList',
    groupVersion: 'apps/v1',
    resources: [{ name: 'deployments', namespaced: true, kind: 'Deployment', verbs: ['get', 'list', 'watch', 'create', 'delete', 'patch'] }],
  },
  '/api': { kind: 'APIVersions', versions: ['v1'] },
  '/apis': { kind: 'APIGroupList', groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }] }] },
};

export function status(res: ServerResponse, code: number, reason: string, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(code, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }));
}

export function json(res: ServerResponse, body: unknown, code = 200): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startTinyServer(handler: TinyHandler, options: { token?: string; namespace?: string } = {}): Promise<TinyServer> {
  const token = options.token ?? 'tiny-secret-token-0123456789abcdef';
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const seen: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      if (req.headers.authorization !== `Bearer ${token}`) {
        status(res, 401, 'Unauthorized', 'Unauthorized');
        return;
      }
      const handled = await handler(seen, res);
      if (handled === false || (!res.headersSent && !res.destroyed && !res.writableEnded)) {
        const doc = DISCOVERY[seen.url];
        if (doc) json(res, doc);
        else status(res, 404, 'NotFound', `the server could not find the requested resource (${seen.url})`);
      }
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'sailctl-tiny-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfigPath,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: tiny\n  cluster:\n    server: ${url}`,
      'users:',
      `- name: tiny-user\n  user:\n    token: ${token}`,
      'contexts:',
      `- name: tiny-context\n  context:\n    cluster: tiny\n    user: tiny-user\n    namespace: ${options.namespace ?? 'team-a'}`,
      'current-context: tiny-context',
      '',
    ].join('\n'),
  );
  return {
    url,
    token,
    kubeconfigPath,
    requests,
    calls: () => requests.filter((r) => !DISCOVERY[r.url]),
    httpServer: server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
