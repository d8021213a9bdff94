/**
 * One HTTP GET to a pod port over a port-forward (client-node's PortForward: WebSocket, `v4.channel.k8s.io`):
 * write an HTTP/1.1 request on the data channel, read the raw response until it is complete, close.
 */
import { PassThrough } from 'node:stream';
import { PortForward, type KubeConfig } from '@kubernetes/client-node';
import { InterruptedError } from '../errors.js';
import { apiError, failureFrom, unreachableError, type Endpoint, type RequestIntent } from './error-mapping.js';
import type { PodPortRequest } from './types.js';

export interface ParsedHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at);
    if (eol < 0) return undefined;
    const size = Number.parseInt(data.subarray(at, eol).toString('latin1').split(';')[0] ?? '', 16);
    if (!Number.isFinite(size)) return undefined;
    if (size === 0) return Buffer.concat(parts);
    const start = eol + 2;
    if (data.length < start + size + 2) return undefined;
    parts.push(data.subarray(start, start + size));
    at = start + size + 2;
  }
}

/**
 * Parses raw HTTP/1.1 response bytes. Returns undefined while incomplete; with `closed`, whatever arrived
 * after the headers is the body (a response delimited by the connection closing).
 */
export function parseHttpResponse(raw: Buffer, closed: boolean): ParsedHttpResponse | undefined {
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const lines = raw.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(lines[0] ?? '')?.[1]);
  if (!Number.isFinite(status)) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = raw.subarray(headEnd + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const body = dechunk(rest);
    return body ? { status, headers, body: body.toString('utf8') } : undefined;
  }
  const length = headers['content-length'];
  if (length !== undefined) {
    const n = Number(length);
    return rest.length >= n ? { status, headers, body: rest.subarray(0, n).toString('utf8') } : undefined;
  }
  if (status === 204 || status === 304) return { status, headers, body: '' };
  return closed ? { status, headers, body: rest.toString('utf8') } : undefined;
}

interface Closable {
  close(): void;
  on?(event: string, listener: (...args: unknown[]) => void): unknown;
}

export async function portForwardGet(
  kc: KubeConfig,
  endpoint: Endpoint,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  request: PodPortRequest,
): Promise<string> {
  const intent: RequestIntent = { verb: 'port-forward to', resource: 'pods', name: `${request.pod}:${request.port}`, namespace: request.namespace };
  const output = new PassThrough();
  const errors = new PassThrough();
  const input = new PassThrough();
  const received: Buffer[] = [];
  const errorText: Buffer[] = [];
  output.on('data', (c: Buffer) => received.push(c));
  errors.on('data', (c: Buffer) => errorText.push(c));

  return new Promise<string>((resolve, reject) => {
    let socket: Closable | undefined;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      try {
        socket?.close();
      } catch {
        // already closed
      }
      input.end();
      fn();
    };
    const check = (closed: boolean) => {
      const raw = Buffer.concat(received);
      const parsed = parseHttpResponse(raw, closed);
      if (parsed) {
        settle(() =>
          parsed.status >= 200 && parsed.status < 300 ? resolve(parsed.body) : reject(apiError(parsed.status, parsed.body, intent, endpoint)),
        );
      } else if (closed) {
        const said = Buffer.concat(errorText).toString('utf8').trim();
        settle(() => reject(apiError(502, said || 'the forwarded connection closed without an HTTP response', intent, endpoint)));
      }
    };
    const onAbort = () => settle(() => reject(new InterruptedError('interrupted during a port-forward')));
    const timer = setTimeout(() => settle(() => reject(unreachableError({ message: 'timeout', timedOut: true }, endpoint, timeoutMs))), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    output.on('data', () => check(false));

    new PortForward(kc, true)
      .portForward(request.namespace, request.pod, [request.port], output, errors, input)
      .then((ws) => {
        socket = (typeof ws === 'function' ? ws() : ws) as unknown as Closable | undefined;
        if (settled) {
          socket?.close();
          return;
        }
        socket?.on?.('close', () => check(true));
        input.write(`GET ${request.path} HTTP/1.1\r\nHost: localhost:${request.port}\r\nUser-Agent: sailctl\r\nAccept: */*\r\nConnection: close\r\n\r\n`);
      })
      .catch((err: unknown) => {
        const text = typeof (err as { message?: unknown })?.message === 'string' ? (err as { message: string }).message : '';
        const status = /Unexpected server response: (\d{3})/.exec(text)?.[1];
        if (status) settle(() => reject(apiError(Number(status), '', intent, endpoint)));
        else settle(() => reject(unreachableError(failureFrom((err as { error?: unknown })?.error ?? err), endpoint, timeoutMs)));
      });
  });
}
