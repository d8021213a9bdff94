/**
 * Port-forward over WebSocket, as @kubernetes/client-node's PortForward speaks it: `GET .../pods/{name}/
 * portforward?ports=N` upgraded with subprotocol `v4.channel.k8s.io`; per port a data channel (2i) and an
 * error channel (2i+1), each opened by a frame carrying the port as 2 bytes little-endian. Bytes written on a
 * data channel are read as HTTP requests and answered with a PortForwardHandler's raw HTTP response; with no
 * answer, a connection-refused message goes to the error channel. Minimal hand-rolled RFC 6455 framing.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Server } from 'node:https';
import type { Duplex } from 'node:stream';
import { Denials } from './faults.js';
import type { RequestRecord, ServerState } from './server.js';
import { ApiError, notFound } from './status.js';

export type PortForwardHandler = (req: { namespace: string; pod: string; port: number; request: string }) => string | undefined;

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const PROTOCOL = 'v4.channel.k8s.io';

function frame(payload: Buffer, opcode = 0x2): Buffer {
  const len = payload.length;
  let head: Buffer;
  if (len < 126) head = Buffer.from([0x80 | opcode, len]);
  else if (len < 65536) head = Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff]);
  else {
    head = Buffer.alloc(10);
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, payload]);
}

interface Frame {
  opcode: number;
  payload: Buffer;
}

function readFrames(data: Buffer): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let at = 0;
  while (data.length - at >= 2) {
    const opcode = (data[at] as number) & 0x0f;
    const masked = ((data[at + 1] as number) & 0x80) !== 0;
    let len = (data[at + 1] as number) & 0x7f;
    let offset = at + 2;
    if (len === 126) {
      if (data.length < offset + 2) break;
      len = data.readUInt16BE(offset);
      offset += 2;
    } else if (len === 127) {
      if (data.length < offset + 8) break;
      len = Number(data.readBigUInt64BE(offset));
      offset += 8;
    }
    const maskLen = masked ? 4 : 0;
    if (data.length < offset + maskLen + len) break;
    const payload = Buffer.from(data.subarray(offset + maskLen, offset + maskLen + len));
    if (masked) {
      const mask = data.subarray(offset, offset + 4);
      for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
    }
    frames.push({ opcode, payload });
    at = offset + maskLen + len;
  }
  return { frames, rest: data.subarray(at) };
}

function refuse(socket: Duplex, err: ApiError): void {
  const body = JSON.stringify(err.body());
  socket.end(`HTTP/1.1 ${err.code} ${err.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** A complete HTTP request (headers plus Content-Length body) at the start of `text`, or undefined. */
function completeRequest(text: string): string | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, end))?.[1] ?? 0);
  const total = end + 4 + length;
  return text.length >= total ? text.slice(0, total) : undefined;
}

export function attachPortForward(server: Server, state: ServerState, handlers: PortForwardHandler[]): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    if (req.headers.authorization !== `Bearer ${state.token}`) return refuse(socket, new ApiError(401, 'Unauthorized', 'Unauthorized'));
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward$/.exec(url.pathname);
    const record: RequestRecord = {
      method: 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      verb: 'create',
      resource: 'pods/portforward',
      ...(m ? { namespace: decodeURIComponent(m[1] as string), name: decodeURIComponent(m[2] as string) } : {}),
      status: 0,
      dryRun: false,
      ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
      ms: 0,
    };
    const started = performance.now();
    const fail = (err: ApiError): void => {
      record.status = err.code;
      record.ms = performance.now() - started;
      state.requests.push(record);
      refuse(socket, err);
    };
    if (!m) return fail(new ApiError(404, 'NotFound', 'the server could not find the requested resource'));
    const namespace = record.namespace as string;
    const pod = record.name as string;
    if (state.denials.denies({ verb: 'create', resource: 'pods', group: '', namespace, subresource: 'portforward' })) {
      return fail(Denials.forbidden({ verb: 'create', resource: 'pods', group: '', namespace, subresource: 'portforward', name: pod }));
    }
    const podType = state.kinds.byResource('', 'v1', 'pods');
    if (!podType || !state.api.find(podType, namespace, pod)) return fail(notFound({ group: '', plural: 'pods', kind: 'Pod' }, pod));
    const ports = (url.searchParams.get('ports') ?? '').split(',').filter(Boolean).map(Number);
    if (ports.length === 0 || ports.some((p) => !Number.isInteger(p) || p <= 0 || p > 65535)) {
      return fail(new ApiError(400, 'BadRequest', 'at least one valid port number is required for port forwarding'));
    }
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!offered.includes(PROTOCOL)) return fail(new ApiError(400, 'BadRequest', `unable to upgrade: the client must offer the ${PROTOCOL} subprotocol`));

    record.status = 101;
    record.ms = performance.now() - started;
    state.requests.push(record);
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${GUID}`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: ${PROTOCOL}\r\n\r\n`);
    const send = (channel: number, data: Buffer): void => {
      socket.write(frame(Buffer.concat([Buffer.from([channel]), data])));
    };
    ports.forEach((port, i) => {
      const portBytes = Buffer.from([port & 0xff, port >> 8]);
      send(2 * i, portBytes);
      send(2 * i + 1, portBytes);
    });
    const pending = ports.map(() => '');
    let buffered: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([buffered, chunk]));
      buffered = rest;
      for (const f of frames) {
        if (f.opcode === 0x8) {
          socket.end(frame(Buffer.alloc(0), 0x8));
          return;
        }
        if (f.opcode === 0x9) {
          socket.write(frame(f.payload, 0xa));
          continue;
        }
        if ((f.opcode !== 0x2 && f.opcode !== 0x0) || f.payload.length === 0) continue;
        const channel = f.payload[0] as number;
        if (channel % 2 !== 0 || channel / 2 >= ports.length) continue;
        const index = channel / 2;
        const port = ports[index] as number;
        pending[index] += f.payload.subarray(1).toString('latin1');
        let request: string | undefined;
        while ((request = completeRequest(pending[index] as string)) !== undefined) {
          pending[index] = (pending[index] as string).slice(request.length);
          const answer = handlers.map((h) => h({ namespace, pod, port, request: request as string })).find((a) => a !== undefined);
          if (answer !== undefined) send(channel, Buffer.from(answer, 'latin1'));
          else {
            send(channel + 1, Buffer.from(`error forwarding port ${port} to pod ${pod}: dial tcp4 127.0.0.1:${port}: connect: connection refused`));
            socket.end(frame(Buffer.alloc(0), 0x8));
            return;
          }
        }
      }
    });
  });
}
