/** A small HTTPS client for the loopback server's own tests (node:https with the server's CA and token). */
import { request } from 'node:https';
import type { ApiServer } from './index.js';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: any;
}

export function call(
  server: Pick<ApiServer, 'url' | 'token' | 'caPem'>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const url = new URL(path, server.url);
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: server.caPem,
        headers: {
          Authorization: `Bearer ${server.token}`,
          Accept: 'application/json',
          ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export interface WatchStream {
  events: Array<{ type: string; object: any }>;
  /** Resolves when at least `n` events arrived (or rejects after `ms`). */
  waitFor(n: number, ms?: number): Promise<Array<{ type: string; object: any }>>;
  ended: Promise<void>;
  close(): void;
}

export function watch(server: Pick<ApiServer, 'url' | 'token' | 'caPem'>, path: string): WatchStream {
  const events: Array<{ type: string; object: any }> = [];
  const waiters: Array<() => void> = [];
  let close = (): void => {};
  const ended = new Promise<void>((resolve, reject) => {
    const req = request(new URL(path, server.url), { ca: server.caPem, headers: { Authorization: `Bearer ${server.token}` } }, (res) => {
      let buf = '';
      res.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line.trim()) events.push(JSON.parse(line));
        }
        for (const w of waiters.splice(0)) w();
      });
      res.on('end', () => resolve());
      res.on('close', () => resolve());
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(e)));
    req.end();
    close = () => req.destroy();
  });
  const waitFor = (n: number, ms = 3000): Promise<Array<{ type: string; object: any }>> =>
    new Promise((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`watch: expected ${n} events, got ${events.length}: ${JSON.stringify(events.map((e) => e.type))}`)), ms);
      const check = (): void => {
        if (events.length >= n) {
          clearTimeout(deadline);
          resolve(events.slice());
        } else waiters.push(check);
      };
      check();
    });
  return { events, waitFor, ended, close: () => close() };
}
