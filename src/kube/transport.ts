/**
 * Our own request layer over node:http(s): client-node's KubeConfig supplies TLS material and credentials
 * (`applyToHTTPSOptions`), we keep exact control of timeouts, cancellation, retries, headers, Status bodies
 * and streaming. One keep-alive agent per client; per-request timeout; the client's signal aborts everything.
 */
import { setMaxListeners } from 'node:events';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { InterruptedError } from '../errors.js';
import { CLIENT_VERSION } from '../release.js';
import type { StaticCredentials } from './credentials.js';
import { KubeConfigError } from './errors.js';
import { apiError, failureFrom, unreachableError, type Endpoint, type NetworkFailure, type RequestIntent } from './error-mapping.js';
import { backoffDelay, isConnectionReset, parseRetryAfter, RETRYABLE_STATUS, sleep, type RetryPolicy } from './retry.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TransportRequest {
  method: Method;
  /** Path and query, e.g. `/api/v1/pods?limit=500`. */
  path: string;
  body?: string;
  contentType?: string;
  accept?: string;
  /**
   * Safe to send twice (GET, DELETE, server-side apply, access reviews). Others are retried only when the
   * connection failed before any answer, or on 429 (the server turned the request away unprocessed).
   */
  idempotent: boolean;
}

export interface TransportResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface TransportOptions {
  /** Static credentials read from the kubeconfig; when absent, client-node's KubeConfig (`kc`) supplies them. */
  credentials?: StaticCredentials;
  kc?: KubeConfig;
  endpoint: Endpoint;
  timeoutMs: number;
  retry: RetryPolicy;
  signal?: AbortSignal;
  verbose: number;
  log?: (line: string) => void;
  /** Injected for tests; Math.random otherwise. */
  random?: () => number;
}

/** A failed exchange: network facts, plus whether an answer had started. */
class ExchangeFailure extends Error {
  constructor(readonly failure: NetworkFailure) {
    super(failure.message);
  }
}

export class Transport {
  private readonly agent: http.Agent;
  private readonly secure: boolean;
  /** Set after the first answer: a refused connection afterwards is a restart worth retrying. */
  private connected = false;

  constructor(private readonly options: TransportOptions) {
    this.secure = options.endpoint.server.startsWith('https:');
    // Every request in flight listens on the run's signal (Ctrl-C); parallel applies and lists legitimately
    // keep dozens open, which is not the listener leak Node's default warning (at 10) is meant to catch.
    if (options.signal) setMaxListeners(1000, options.signal);
    this.agent = this.secure ? new https.Agent({ keepAlive: true, maxSockets: 8 }) : new http.Agent({ keepAlive: true, maxSockets: 8 });
  }

  get endpoint(): Endpoint {
    return this.options.endpoint;
  }

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  /** Frees pooled sockets so the process can exit. */
  close(): void {
    this.agent.destroy();
  }

  /** Sends with retries and returns whatever status came back last; throws only when there was no answer. */
  async request(req: TransportRequest): Promise<TransportResponse> {
    const { retry } = this.options;
    const random = this.options.random ?? Math.random;
    for (let attempt = 1; ; attempt++) {
      let response: TransportResponse | undefined;
      let failure: NetworkFailure | undefined;
      try {
        const res = await this.exchange(req, false);
        response = { status: res.status, headers: res.headers, body: res.body ?? '' };
      } catch (err) {
        if (!(err instanceof ExchangeFailure)) throw err;
        failure = err.failure;
      }
      const retryable = response ? this.statusRetryable(req, response.status) : this.failureRetryable(req, failure as NetworkFailure);
      if (!retryable || attempt >= retry.attempts) {
        if (response) return response;
        throw unreachableError(failure as NetworkFailure, this.options.endpoint, this.options.timeoutMs);
      }
      const retryAfter = response ? parseRetryAfter(response.headers['retry-after']) : undefined;
      const delay = backoffDelay(retry, attempt - 1, random, retryAfter);
      this.logLine(`retrying ${req.method} ${req.path} in ${delay}ms (attempt ${attempt + 1} of ${retry.attempts})`);
      await sleep(delay, this.options.signal).catch(() => {
        throw new InterruptedError('interrupted while waiting to retry a Kubernetes API request');
      });
    }
  }

  /** Sends with retries; a 2xx answer is parsed as JSON, anything else becomes a KubeApiError. */
  async json<T>(req: TransportRequest, intent: RequestIntent): Promise<T> {
    const res = await this.request(req);
    if (res.status < 200 || res.status >= 300) throw apiError(res.status, res.body, intent, this.options.endpoint);
    try {
      return JSON.parse(res.body) as T;
    } catch {
      throw apiError(502, `the answer to ${req.method} ${req.path} was not JSON`, intent, this.options.endpoint);
    }
  }

  /**
   * One attempt whose body is left to the caller as a stream (watch). The timeout covers only the wait for
   * the response headers; `signal` ends the stream. Non-2xx answers come back with their body read.
   */
  async openStream(req: TransportRequest, signal: AbortSignal): Promise<{ status: number; body?: string; stream?: IncomingMessage }> {
    try {
      const res = await this.exchange(req, true, signal);
      return res.stream ? { status: res.status, stream: res.stream } : { status: res.status, body: res.body };
    } catch (err) {
      if (err instanceof ExchangeFailure) throw unreachableError(err.failure, this.options.endpoint, this.options.timeoutMs);
      throw err;
    }
  }

  private statusRetryable(req: TransportRequest, status: number): boolean {
    if (!RETRYABLE_STATUS.has(status)) return false;
    return req.idempotent || status === 429;
  }

  private failureRetryable(req: TransportRequest, failure: NetworkFailure): boolean {
    if (failure.timedOut) return false;
    const reset = isConnectionReset(failure.code, failure.message);
    const refusedAfterConnect = failure.code === 'ECONNREFUSED' && this.connected;
    if (!reset && !refusedAfterConnect) return false;
    return req.idempotent || !failure.responded;
  }

  private logLine(line: string): void {
    if (this.options.verbose >= 6) this.options.log?.(line);
  }

  private async requestOptions(req: TransportRequest): Promise<https.RequestOptions> {
    const headers: Record<string, string> = {
      Accept: req.accept ?? 'application/json',
      'User-Agent': `sailctl/${CLIENT_VERSION}`,
    };
    if (req.body !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(req.body));
    }
    const creds = this.options.credentials;
    if (creds) {
      if (creds.authorization) headers.Authorization = creds.authorization;
      const out: https.RequestOptions = { method: req.method, headers, agent: this.agent };
      if (this.secure) {
        out.rejectUnauthorized = creds.rejectUnauthorized;
        if (creds.ca) out.ca = creds.ca;
        if (creds.cert) out.cert = creds.cert;
        if (creds.key) out.key = creds.key;
        if (creds.servername) out.servername = creds.servername;
      }
      return out;
    }
    const kc = this.options.kc;
    if (!kc) throw new KubeConfigError(`no credentials for context "${this.options.endpoint.contextName}"`);
    const opts: https.RequestOptions = { headers };
    try {
      await kc.applyToHTTPSOptions(opts);
    } catch (err) {
      // Credential plugins and unreadable certificate files end up here; their messages may quote options.
      const code = (err as { code?: unknown }).code;
      const plugin = (kc.getCurrentUser()?.exec as { command?: unknown } | undefined)?.command;
      throw new KubeConfigError(
        `cannot prepare credentials for context "${this.options.endpoint.contextName}"${typeof code === 'string' ? ` (${code})` : ''}: check the user entry in your kubeconfig`,
        typeof plugin === 'string' ? { details: [`The credential plugin ${plugin} failed; run it yourself to see why.`] } : undefined,
      );
    }
    const useOwnAgent = !kc.getCurrentCluster()?.proxyUrl;
    const out: https.RequestOptions = { method: req.method, headers: opts.headers, agent: useOwnAgent ? this.agent : opts.agent };
    if (opts.auth) out.auth = opts.auth;
    if (this.secure) {
      for (const key of ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'] as const) {
        if (opts[key] !== undefined) (out as Record<string, unknown>)[key] = opts[key];
      }
    }
    return out;
  }

  private async exchange(
    req: TransportRequest,
    streaming: boolean,
    streamSignal?: AbortSignal,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body?: string; stream?: IncomingMessage }> {
    const started = Date.now();
    const opts = await this.requestOptions(req);
    const url = new URL(this.options.endpoint.server + req.path);
    const outer = this.options.signal;
    if (outer?.aborted || streamSignal?.aborted) throw new InterruptedError('interrupted before a Kubernetes API request');
    return new Promise((resolve, reject) => {
      let timedOut = false;
      let responded = false;
      let settled = false;
      const client = (this.secure ? https : http).request(url, opts);
      const cleanup = () => {
        clearTimeout(timer);
        outer?.removeEventListener('abort', onAbort);
        streamSignal?.removeEventListener('abort', onAbort);
      };
      const fail = (err: unknown) => {
        if (settled) return;
        settled = true;
        cleanup();
        if (outer?.aborted) {
          this.logLine(`${req.method} ${req.path} interrupted ${Date.now() - started}ms`);
          reject(new InterruptedError('interrupted while waiting for the Kubernetes API server'));
          return;
        }
        const failure: NetworkFailure = { ...failureFrom(err), timedOut, responded };
        this.logLine(`${req.method} ${req.path} ${timedOut ? 'timeout' : (failure.code ?? 'error')} ${Date.now() - started}ms`);
        reject(new ExchangeFailure(failure));
      };
      const onAbort = () => client.destroy(new Error('aborted'));
      const timer = setTimeout(() => {
        timedOut = true;
        client.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT_REQUEST' }));
      }, this.options.timeoutMs);
      outer?.addEventListener('abort', onAbort, { once: true });
      streamSignal?.addEventListener('abort', onAbort, { once: true });
      client.on('error', fail);
      client.on('response', (res) => {
        responded = true;
        this.connected = true;
        const status = res.statusCode ?? 0;
        if (streaming && status >= 200 && status < 300) {
          settled = true;
          clearTimeout(timer);
          outer?.removeEventListener('abort', onAbort);
          this.logLine(`${req.method} ${req.path} ${status} ${Date.now() - started}ms`);
          const endStream = () => res.destroy();
          outer?.addEventListener('abort', endStream, { once: true });
          res.once('close', () => {
            outer?.removeEventListener('abort', endStream);
            streamSignal?.removeEventListener('abort', onAbort);
          });
          resolve({ status, headers: res.headers, stream: res });
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', fail);
        res.on('aborted', () => fail(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          cleanup();
          this.logLine(`${req.method} ${req.path} ${status} ${Date.now() - started}ms`);
          resolve({ status, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      client.end(req.body);
    });
  }
}
