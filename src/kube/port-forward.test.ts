/** portForwardGet over client-node's PortForward against a minimal v4.channel.k8s.io endpoint. */
import { afterEach, describe, expect, it } from 'vitest';
import { servePortForward } from '../../test/support/tiny-portforward.js';
import { startTinyServer, type TinyServer } from '../../test/support/tiny-server.js';
import { createKubeClient } from './client.js';
import { KubeApiError } from './errors.js';
import { parseHttpResponse } from './port-forward.js';

let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('portForwardGet', () => {
  it('sends an HTTP/1.1 GET through the forwarded port and returns the body', async () => {
    const seen: string[] = [];
    server = await startTinyServer(() => {});
    servePortForward(server.httpServer, server.token, ({ namespace, pod, port, request }) => {
      seen.push(`${namespace}/${pod}:${port} ${request.split('\r\n')[0]}`);
      const body = JSON.stringify({ synced: true, path: request.split(' ')[1] });
      return `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    });
    const client = await createKubeClient({ kubeconfig: server.kubeconfigPath, timeoutMs: 3_000, env: {} });
    const body = await client.portForwardGet({ namespace: 'istio-system', pod: 'istiod-0', port: 15014, path: '/debug/syncz' });
    expect(JSON.parse(body)).toEqual({ synced: true, path: '/debug/syncz' });
    expect(seen).toEqual(['istio-system/istiod-0:15014 GET /debug/syncz HTTP/1.1']);
  });

  it('maps a non-2xx answer from the pod and a refused upgrade to KubeApiError', async () => {
    server = await startTinyServer(() => {});
    servePortForward(server.httpServer, server.token, () => 'HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nno such x');
    const client = await createKubeClient({ kubeconfig: server.kubeconfigPath, timeoutMs: 3_000, env: {} });
    const notFound = await client.portForwardGet({ namespace: 'ns', pod: 'p', port: 15000, path: '/x' }).catch((e: Error) => e);
    expect(notFound).toBeInstanceOf(KubeApiError);
    expect((notFound as KubeApiError).status).toBe(404);
    // A path the endpoint refuses (403 on the upgrade), as when RBAC denies pods/portforward.
    const refused = await client.portForwardGet({ namespace: 'ns', pod: 'a/b', port: 15000, path: '/x' }).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(KubeApiError);
    expect((refused as KubeApiError).message).toContain('forbidden: cannot port-forward to pods');
  });
});

describe('parseHttpResponse', () => {
  it.each([
    ['content-length', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello', false, { status: 200, body: 'hello' }],
    ['incomplete content-length', 'HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhello', false, undefined],
    ['chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n', false, { status: 200, body: 'abcde' }],
    ['chunked, incomplete', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n', false, undefined],
    ['close-delimited, open', 'HTTP/1.0 404 Not Found\r\n\r\nnope', false, undefined],
    ['close-delimited, closed', 'HTTP/1.0 404 Not Found\r\n\r\nnope', true, { status: 404, body: 'nope' }],
    ['headers incomplete', 'HTTP/1.1 200 OK\r\nContent-Le', true, undefined],
  ])('%s', (_name, raw, closed, expected) => {
    const parsed = parseHttpResponse(Buffer.from(raw, 'latin1'), closed);
    expect(parsed === undefined ? undefined : { status: parsed.status, body: parsed.body }).toEqual(expected);
  });
});
