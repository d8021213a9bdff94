/**
 * The exit-code table, the one place that maps outcomes to process exit codes (sysexits-style, as istioctl).
 * Documented in the README; tested through the built binary.
 */
export const ExitCode = {
  Ok: 0,
  Internal: 1,
  /** `kube-inject --check`: a workload lacks its sidecar or carries a stale one (GitOps drift); a result. */
  Drift: 1,
  /** `plan`, `manifest diff`, `profile diff`: the answer is "something differs"; a result, not an error. */
  Changes: 2,
  Usage: 64,
  InputData: 65,
  /** An input file or directory cannot be read (unreadable, vanished while reading). */
  NoInput: 66,
  ClusterUnavailable: 69,
  /** An output file or directory cannot be created: not a regular file, missing parent, /proc, /sys. */
  CantCreate: 73,
  /** Writing failed in the environment: full disk, I/O error (also on standard output). */
  IoError: 74,
  /** A configuration file sailctl reads is malformed (e.g. a kubeconfig field); the field is named, never its value. */
  Config: 78,
  IssuesFound: 79,
  VerifyFailed: 80,
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * What a command handler returns. Nothing means exit 0; a code is a result that is not an error ("differences
 * found", exit 2): the command has printed it plainly, and main.ts only sets the exit code. Failures are thrown.
 */
export type Outcome = ExitCode | void;

/** Base of every expected failure. `message` is for people and never holds secrets. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  /** Extra lines printed under the message (hints, what was and wasn't done). */
  readonly details: readonly string[];
  constructor(message: string, exitCode: ExitCode, options?: { cause?: unknown; details?: readonly string[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.details = options?.details ?? [];
  }
}

/** Wrong command line: unknown command or flag, bad flag value, missing argument. Exit 64. */
export class UsageError extends CliError {
  constructor(message: string, options?: { cause?: unknown; details?: readonly string[] }) {
    super(message, ExitCode.Usage, options);
  }
}

/** Input data that cannot be used: malformed YAML, invalid resources, unreadable files. Exit 65. */
export class InputError extends CliError {
  constructor(message: string, options?: { cause?: unknown; details?: readonly string[] }) {
    super(message, ExitCode.InputData, options);
  }
}

/** The cluster cannot be reached, or refuses us (no kubeconfig, 401/403, timeouts). Exit 69. */
export class ClusterError extends CliError {
  constructor(message: string, options?: { cause?: unknown; details?: readonly string[] }) {
    super(message, ExitCode.ClusterUnavailable, options);
  }
}

/** An input path that cannot be read: permission denied, vanished, an I/O error. Exit 66. */
export class NoInputError extends CliError {
  constructor(message: string, options?: { cause?: unknown; details?: readonly string[] }) {
    super(message, ExitCode.NoInput, options);
  }
}

/** An output target sailctl refuses or cannot create: device, FIFO, directory, /proc, missing parent. Exit 73. */
export class CantCreateError extends CliError {
  constructor(message: string, options?: { cause?: unknown; details?: readonly string[] }) {
    super(message, ExitCode.CantCreate, options);
  }
}

/** Writing failed because of the environment (no space left, I/O error). Exit 74. */
export class IoWriteError extends CliError {
  constructor(message: string, options?: { cause?: unknown; details?: readonly string[] }) {
    super(message, ExitCode.IoError, options);
  }
}

/** `analyze`/`precheck` found messages at or above the failure threshold. Exit 79. */
export class IssuesFoundError extends CliError {
  constructor(message: string, options?: { details?: readonly string[] }) {
    super(message, ExitCode.IssuesFound, options);
  }
}

/** `verify-install` found the installation unhealthy. Exit 80. */
export class VerifyFailedError extends CliError {
  constructor(message: string, options?: { details?: readonly string[] }) {
    super(message, ExitCode.VerifyFailed, options);
  }
}

/** The user pressed Ctrl-C (SIGINT) or the process got SIGTERM. Exit 130. */
export class InterruptedError extends CliError {
  constructor(message = 'interrupted', options?: { details?: readonly string[] }) {
    super(message, ExitCode.Interrupted, options);
  }
}

export function isCliError(err: unknown): err is CliError {
  return err instanceof CliError;
}
