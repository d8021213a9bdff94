import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from './index.js';

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer({
    seed: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'istiod-1', namespace: 'default' }, spec: { containers: [{ name: 'd', image: 'i' }] } }],
  });
});
afterAll(async () => {
  await server.close();
});

function clientFrame(payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] as number)));
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x82, 0x80 | len]) : Buffer.from([0x82, 0x80 | 126, len >> 8, len & 0xff]);
  return Buffer.concat([head, mask, masked]);
}

function serverFrames(data: Buffer): Array<{ opcode: number; payload: Buffer }> {
  const out: Array<{ opcode: number; payload: Buffer }> = [];
  let at = 0;
  while (at + 2 <= data.length) {
    const opcode = (data[at] as number) & 0x0f;
    let len = (data[at + 1] as number) & 0x7f;
    let off = at + 2;
    if (len === 126) {
      len = data.readUInt16BE(off);
      off += 2;
    }
    if (off + len > data.length) break;
    out.push({ opcode, payload: data.subarray(off, off + len) });
    at = off + len;
  }
  return out;
}

function open(path: string, protocol = 'v4.channel.k8s.io'): Promise<{ socket: Duplex; status: number; body?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, server.url), {
      ca: server.caPem,
      headers: {
        Authorization: `Bearer ${server.token}`,
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        'Sec-WebSocket-Protocol': protocol,
      },
    });
    req.on('upgrade', (res, socket) => resolve({ socket, status: res.statusCode ?? 0 }));
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ socket: res.socket, status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function collect(socket: Duplex, until: (frames: Array<{ opcode: number; payload: Buffer }>) => boolean): Promise<Array<{ opcode: number; payload: Buffer }>> {
  let data = Buffer.alloc(0);
  return new Promise((resolve) => {
    const check = () => {
      const frames = serverFrames(data);
      if (until(frames)) resolve(frames);
    };
    socket.on('data', (c: Buffer) => {
      data = Buffer.concat([data, c]);
      check();
    });
    socket.on('close', () => resolve(serverFrames(data)));
  });
}

describe('port-forward over WebSocket', () => {
  it('announces the port on both channels and answers HTTP requests through the handler', async () => {
    const off = server.onPortForward(({ namespace, pod, port, request: raw }) =>
      raw.startsWith('GET /debug/syncz ') ? `HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n${namespace}/${pod}:${port}` : undefined,
    );
    const { socket, status } = await open('/api/v1/namespaces/default/pods/istiod-1/portforward?ports=15014');
    expect(status).toBe(101);
    const frames = collect(socket, (f) => f.length >= 3);
    socket.write(clientFrame(Buffer.concat([Buffer.from([0]), Buffer.from('GET /debug/syncz HTTP/1.1\r\nHost: localhost\r\n\r\n')])));
    const got = await frames;
    expect(got[0]!.payload).toEqual(Buffer.from([0, 15014 & 0xff, 15014 >> 8]));
    expect(got[1]!.payload).toEqual(Buffer.from([1, 15014 & 0xff, 15014 >> 8]));
    expect(got[2]!.payload[0]).toBe(0);
    expect(got[2]!.payload.subarray(1).toString()).toBe('HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\ndefault/istiod-1:15014');
    socket.destroy();
    off();
    expect(server.requests.at(-1)).toMatchObject({ verb: 'create', resource: 'pods/portforward', name: 'istiod-1', status: 101 });
  });

  it('reports connection refused on the error channel without a handler answer', async () => {
    const { socket } = await open('/api/v1/namespaces/default/pods/istiod-1/portforward?ports=8080');
    const frames = collect(socket, (f) => f.some((x) => x.opcode === 0x8));
    socket.write(clientFrame(Buffer.concat([Buffer.from([0]), Buffer.from('GET / HTTP/1.1\r\n\r\n')])));
    const got = await frames;
    const err = got.find((f) => f.opcode === 0x2 && f.payload[0] === 1 && f.payload.length > 3);
    expect(err?.payload.subarray(1).toString()).toContain('connection refused');
    socket.destroy();
  });

  it('answers 404 for a missing pod and 403 when denied', async () => {
    const missing = await open('/api/v1/namespaces/default/pods/nope/portforward?ports=1');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body ?? '{}').message).toBe('pods "nope" not found');
    const undo = server.deny('create', 'pods', { subresource: 'portforward' });
    const denied = await open('/api/v1/namespaces/default/pods/istiod-1/portforward?ports=1');
    expect(denied.status).toBe(403);
    undo();
  });
});
