/**
 * Typed errors of the cluster port. They carry the Kubernetes Status reason, so callers branch on
 * `reason`/`status`, never on message text. Messages name the verb and resource, never credentials.
 * No import of @kubernetes/client-node here: commands may `instanceof` these without loading it.
 */
import { CliError, ExitCode } from '../errors.js';

/** Kubernetes `metav1.Status` reasons sailctl distinguishes. */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Forbidden'
  | 'Unauthorized'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'Gone'
  | 'Expired'
  | 'TooManyRequests'
  | 'Timeout'
  | 'ServerTimeout'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'UnsupportedMediaType'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'Unknown'
  | (string & {});

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** The API server answered with a failure Status. */
export class KubeApiError extends CliError {
  readonly status: number;
  readonly reason: StatusReason;
  readonly verb: string;
  /** e.g. `deployments.apps "istiod" in namespace istio-system` */
  readonly target: string;
  readonly causes: readonly StatusCause[];
  constructor(args: {
    status: number;
    reason: StatusReason;
    verb: string;
    target: string;
    message: string;
    causes?: readonly StatusCause[];
    cause?: unknown;
    /** Extra lines for people (the server's own words, field causes). */
    details?: readonly string[];
  }) {
    const exit =
      args.status === 401 || args.status === 403 || args.status >= 500 || args.status === 429
        ? ExitCode.ClusterUnavailable
        : args.status === 400 || args.status === 422
          ? ExitCode.InputData
          : ExitCode.ClusterUnavailable;
    super(args.message, exit, { cause: args.cause, details: args.details });
    this.status = args.status;
    this.reason = args.reason;
    this.verb = args.verb;
    this.target = args.target;
    this.causes = args.causes ?? [];
  }
}

/** No answer at all: connection refused/reset, DNS, TLS failure, or the per-request timeout. */
export class KubeUnreachableError extends CliError {
  readonly server: string;
  constructor(message: string, server: string, options?: { cause?: unknown; details?: readonly string[] }) {
    super(message, ExitCode.ClusterUnavailable, options);
    this.server = server;
  }
}

/** A kubeconfig field that is present but malformed (e.g. client-key-data that is no PEM key). Exit 78; the value is never shown. */
export class KubeConfigFieldError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.Config);
  }
}

/** No usable kubeconfig: missing, unreadable, unknown context. Never falls back to localhost:8080. */
export class KubeConfigError extends CliError {
  constructor(message: string, options?: { cause?: unknown; details?: readonly string[] }) {
    super(message, ExitCode.ClusterUnavailable, options);
  }
}
