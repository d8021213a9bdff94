/**
 * The smallest Kubernetes port-forward endpoint for unit tests: answers the WebSocket upgrade of
 * `/api/v1/namespaces/{ns}/pods/{pod}/portforward?ports=N` with subprotocol `v4.channel.k8s.io`, sends the
 * port on the data and error channels (2 bytes, little-endian), hands the bytes written on the data channel
 * to `answer`, and writes its raw HTTP response back on the data channel. Hand-rolled RFC 6455 framing.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

export type PortForwardAnswer = (req: { namespace: string; pod: string; port: number; request: string }) => string | { error: string };

function frame(payload: Buffer, opcode = 0x2): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff]);
  return Buffer.concat([head, payload]);
}

/** Client frames are masked; returns complete frames and the unconsumed rest. */
function readFrames(data: Buffer): { frames: Array<{ opcode: number; payload: Buffer }>; rest: Buffer } {
  const frames: Array<{ opcode: number; payload: Buffer }> = [];
  let at = 0;
  while (data.length - at >= 2) {
    const opcode = (data[at] as number) & 0x0f;
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
    if (data.length < offset + 4 + len) break;
    const mask = data.subarray(offset, offset + 4);
    const payload = Buffer.from(data.subarray(offset + 4, offset + 4 + len));
    for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
    frames.push({ opcode, payload });
    at = offset + 4 + len;
  }
  return { frames, rest: data.subarray(at) };
}

export function servePortForward(server: Server, token: string, answer: PortForwardAnswer): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward\?ports=(\d+)$/.exec(req.url ?? '');
    const protocols = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!m || req.headers.authorization !== `Bearer ${token}` || !protocols.includes('v4.channel.k8s.io')) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [, namespace = '', pod = '', portText = '0'] = m;
    const port = Number(portText);
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: v4.channel.k8s.io\r\n\r\n`,
    );
    const portBytes = Buffer.from([port & 0xff, port >> 8]);
    socket.write(frame(Buffer.concat([Buffer.from([0]), portBytes])));
    socket.write(frame(Buffer.concat([Buffer.from([1]), portBytes])));
    let buffered: Buffer = Buffer.alloc(0);
    let request = '';
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([buffered, chunk]));
      buffered = rest;
      for (const f of frames) {
        if (f.opcode === 0x8) {
          socket.end(frame(Buffer.alloc(0), 0x8));
          return;
        }
        if (f.opcode !== 0x2 || f.payload[0] !== 0) continue;
        request += f.payload.subarray(1).toString('latin1');
        if (!request.includes('\r\n\r\n')) continue;
        const reply = answer({ namespace, pod, port, request });
        if (typeof reply === 'string') socket.write(frame(Buffer.concat([Buffer.from([0]), Buffer.from(reply, 'latin1')])));
        else {
          socket.write(frame(Buffer.concat([Buffer.from([1]), Buffer.from(reply.error)])));
          socket.end(frame(Buffer.alloc(0), 0x8));
        }
      }
    });
    socket.on('error', () => socket.destroy());
  });
}
