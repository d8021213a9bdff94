/**
 * The simulated cluster network. The real kube-apiserver is started with an egress selector that sends all
 * of its "cluster" traffic (pods/proxy, services/proxy, admission webhooks) as HTTP CONNECT requests to this
 * proxy on a Unix socket. The proxy never opens a network connection: it hands the tunnelled connection to an
 * in-process server chosen by `route(ip, port)` (a simulated istiod, Envoy admin or webhook endpoint), or
 * answers 503 when nothing serves that address. Pod and Service IPs therefore exist only here.
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { rmSync } from 'node:fs';

/** Something that can take over a raw connection: an http.Server or https.Server that is not listening. */
export interface ConnectionSink {
  emit(event: 'connection', socket: Socket): boolean;
}

export interface ClusterNetwork {
  socketPath: string;
  /** CONNECT requests seen, as `ip:port -> routed|refused`. */
  log: string[];
  close(): Promise<void>;
}

export async function startClusterNetwork(socketPath: string, route: (ip: string, port: number) => ConnectionSink | undefined): Promise<ClusterNetwork> {
  rmSync(socketPath, { force: true });
  const log: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => {
    res.writeHead(405).end('only CONNECT is served here\n');
  });
  server.on('connect', (req, socket: Socket, head: Buffer) => {
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(req.url ?? '');
    const sink = m ? route(m[1] as string, Number(m[2])) : undefined;
    log.push(`${req.url ?? ''} -> ${sink ? 'routed' : 'refused'}`);
    if (log.length > 1000) log.shift();
    if (!sink) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.write('HTTP/1.1 200 Connection established\r\n\r\n', () => {
      if (head.length > 0) socket.unshift(head);
      sink.emit('connection', socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  return {
    socketPath,
    log,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      rmSync(socketPath, { force: true });
    },
  };
}
