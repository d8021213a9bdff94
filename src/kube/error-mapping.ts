/**
 * From what the API server (or the network) said to a typed error a person can act on. Status bodies give
 * the reason; the request gives the verb and target. Causes are rebuilt from plain facts (name, code,
 * syscall) so that no request options, headers or credentials ride along into anything printable.
 */
import { KubeApiError, KubeUnreachableError, type StatusCause, type StatusReason } from './errors.js';

/** What was being attempted, for messages: `create` + `deployments.apps "istiod" in namespace istio-system`. */
export interface RequestIntent {
  verb: string;
  /** `deployments.apps` (resource plus group; core kinds have no group suffix). */
  resource: string;
  name?: string;
  namespace?: string;
}

export interface Endpoint {
  server: string;
  contextName: string;
}

export function resourceLabel(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

export function describeTarget(intent: RequestIntent): string {
  const name = intent.name ? ` "${intent.name}"` : '';
  const where = intent.namespace ? ` in namespace ${intent.namespace}` : intent.name ? '' : intent.verb === 'list' || intent.verb === 'watch' ? ' in all namespaces' : '';
  return `${intent.resource}${name}${where}`;
}

const REASON_BY_STATUS: Record<number, StatusReason> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

interface StatusBody {
  kind?: string;
  message?: string;
  reason?: string;
  details?: { causes?: Array<{ reason?: string; message?: string; field?: string }> };
}

function parseStatus(body: string): StatusBody | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    return parsed && typeof parsed === 'object' && (parsed as StatusBody).kind === 'Status' ? (parsed as StatusBody) : undefined;
  } catch {
    return undefined;
  }
}

function firstLine(text: string, max = 200): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max)}...` : line;
}

/** Maps a non-2xx answer. `body` is the response text (a Status for API errors, anything for pod proxies). */
export function apiError(status: number, body: string, intent: RequestIntent, endpoint: Endpoint): KubeApiError {
  const parsed = parseStatus(body);
  const reason: StatusReason = parsed?.reason || REASON_BY_STATUS[status] || (status >= 500 ? 'InternalError' : 'Unknown');
  const causes: StatusCause[] = (parsed?.details?.causes ?? []).map((c) => ({ reason: c.reason, message: c.message, field: c.field }));
  const target = describeTarget(intent);
  const serverSays = parsed?.message ? parsed.message : firstLine(body);
  const where = intent.namespace ? ` in namespace ${intent.namespace}` : '';
  let message: string;
  switch (status) {
    case 401:
      message = `the Kubernetes API server at ${endpoint.server} rejected the credentials of context "${endpoint.contextName}" (401 Unauthorized): log in again or refresh the token in your kubeconfig`;
      break;
    case 403:
      message = `forbidden: cannot ${intent.verb} ${intent.resource}${intent.name ? ` "${intent.name}"` : ''}${where} (context "${endpoint.contextName}")`;
      break;
    case 404:
      message = `${target} not found`;
      break;
    case 409:
      message = reason === 'AlreadyExists' ? `${target} already exists` : `conflict on ${intent.verb} ${target}: ${serverSays}`;
      break;
    case 422:
      message = `${intent.verb} ${target} was rejected as invalid: ${serverSays}`;
      break;
    case 429:
      message = `the Kubernetes API server at ${endpoint.server} is throttling requests (429); ${intent.verb} ${target} did not go through after retrying`;
      break;
    default:
      message =
        status >= 500
          ? `the Kubernetes API server at ${endpoint.server} failed to ${intent.verb} ${target} (${status} ${reason})${serverSays ? `: ${serverSays}` : ''}`
          : `${intent.verb} ${target} failed (${status} ${reason})${serverSays ? `: ${serverSays}` : ''}`;
  }
  const details: string[] = [];
  if (status === 403 && serverSays) details.push(`The server said: ${serverSays}`);
  for (const c of causes) if (c.message) details.push(c.field ? `${c.field}: ${c.message}` : c.message);
  return new KubeApiError({ status, reason, verb: intent.verb, target, message, causes, details });
}

/** A network-level failure as plain facts, safe to print. */
export interface NetworkFailure {
  code?: string;
  message: string;
  timedOut?: boolean;
  /** A response had started (headers received) before the failure. */
  responded?: boolean;
}

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS_|ERR_SSL_|EPROTO)/;

function networkReason(failure: NetworkFailure, timeoutMs: number): string {
  if (failure.timedOut) return `no answer within ${formatMs(timeoutMs)} (raise --kubeclient-timeout if the cluster is slow)`;
  switch (failure.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset by the server';
    case 'EPIPE':
      return 'connection closed by the server';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'network unreachable';
    case 'ETIMEDOUT':
      return 'connection timed out';
  }
  if (failure.code && TLS_CODES.test(failure.code)) return `TLS handshake failed (${failure.code}): check certificate-authority in the kubeconfig`;
  return failure.code ? `${failure.message} (${failure.code})` : failure.message;
}

export function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Rebuilds an error from safe facts only: never the original object, which may hold request options. */
export function safeCause(failure: NetworkFailure): Error {
  const err = new Error(failure.message);
  err.name = 'KubeTransportError';
  if (failure.code) (err as NodeJS.ErrnoException).code = failure.code;
  return err;
}

export function unreachableError(failure: NetworkFailure, endpoint: Endpoint, timeoutMs: number): KubeUnreachableError {
  return new KubeUnreachableError(
    `cannot reach the Kubernetes API server at ${endpoint.server} (context "${endpoint.contextName}"): ${networkReason(failure, timeoutMs)}`,
    endpoint.server,
    { cause: safeCause(failure) },
  );
}

/** Facts from a thrown Node/network error, keeping only code and a message without secrets. */
export function failureFrom(err: unknown): NetworkFailure {
  const e = err as { code?: unknown; message?: unknown; syscall?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  // System errors (with a syscall) have messages like "connect ECONNREFUSED 127.0.0.1:6443"; others are
  // reduced to their code, since third-party messages may quote options.
  const message = typeof e?.syscall === 'string' && typeof e.message === 'string' ? e.message : code ? `request failed (${code})` : 'request failed';
  return { code, message };
}
