/**
 * A small client of the real API server for the test-side actors (the simulated node and istiod): JSON
 * requests and line-delimited watches over HTTPS with a client certificate. Deliberately independent of
 * sailctl's own src/kube, so that the simulation does not share the code it is there to check.
 */
import { request, Agent } from 'node:https';

export interface ApiObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name?: string; namespace?: string; uid?: string; resourceVersion?: string; labels?: Record<string, string>; annotations?: Record<string, string>; deletionTimestamp?: string; ownerReferences?: Array<{ kind?: string; name?: string; uid?: string }>; [k: string]: unknown };
  spec?: unknown;
  status?: unknown;
  [k: string]: unknown;
}

export interface ClientCredentials {
  url: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    message: string,
  ) {
    super(message);
  }
}

export class RealClient {
  private readonly agent: Agent;
  private closed = false;
  private readonly open = new Set<{ destroy(): void }>();

  constructor(private readonly creds: ClientCredentials) {
    this.agent = new Agent({ ca: creds.caPem, cert: creds.certPem, key: creds.keyPem, keepAlive: true, maxSockets: 16 });
  }

  async call<T = ApiObject>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const text = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const req = request(new URL(path, this.creds.url), { method, agent: this.agent, headers: { accept: 'application/json', ...(payload !== undefined ? { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) } : {}) } }, (res) => {
        let data = '';
        res.setEncoding('utf8').on('data', (c: string) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: data }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.end(payload);
    });
    if (text.status >= 300) {
      let message = text.text.slice(0, 300);
      try {
        message = (JSON.parse(text.text) as { message?: string }).message ?? message;
      } catch {
        // not a Status body
      }
      throw new ApiError(text.status, text.text, `${method} ${path}: ${text.status} ${message}`);
    }
    if (!text.text) return {} as T;
    try {
      return JSON.parse(text.text) as T;
    } catch {
      return text.text as T; // /readyz, /healthz and logs answer plain text
    }
  }

  /**
   * Lists `path` and then watches it from the list's resourceVersion, calling `onEvent` for each object
   * (ADDED for the listed ones). Re-lists when the watch ends or the version is too old. Stops on close().
   */
  watch(path: string, onEvent: (type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'SYNC', obj: ApiObject) => void): void {
    const loop = async (): Promise<void> => {
      while (!this.closed) {
        try {
          const list = await this.call<{ metadata: { resourceVersion: string }; items: ApiObject[] }>('GET', path);
          onEvent('SYNC', { metadata: {}, items: list.items });
          await this.stream(`${path}${path.includes('?') ? '&' : '?'}watch=1&allowWatchBookmarks=false&resourceVersion=${list.metadata.resourceVersion}`, onEvent);
        } catch {
          // a kind not served yet (a CRD not installed), a dropped connection or a server going away: retry
        }
        if (!this.closed) await new Promise((r) => setTimeout(r, 300));
      }
    };
    void loop();
  }

  private stream(path: string, onEvent: (type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: ApiObject) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = request(new URL(path, this.creds.url), { method: 'GET', agent: this.agent, headers: { accept: 'application/json' } }, (res) => {
        if ((res.statusCode ?? 0) >= 300) {
          res.resume();
          reject(new ApiError(res.statusCode ?? 0, '', `watch ${path}: ${res.statusCode}`));
          return;
        }
        let buf = '';
        res.setEncoding('utf8').on('data', (c: string) => {
          buf += c;
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 1);
            if (!line.trim()) continue;
            const ev = JSON.parse(line) as { type: string; object: ApiObject };
            if (ev.type === 'ERROR') {
              req.destroy();
              resolve();
              return;
            }
            if (ev.type === 'ADDED' || ev.type === 'MODIFIED' || ev.type === 'DELETED') onEvent(ev.type, ev.object);
          }
        });
        res.on('end', () => resolve());
        res.on('error', () => resolve());
      });
      const handle = { destroy: () => req.destroy() };
      this.open.add(handle);
      req.on('close', () => this.open.delete(handle));
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    this.closed = true;
    for (const h of this.open) h.destroy();
    this.agent.destroy();
  }
}
