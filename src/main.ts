/**
 * The process boundary: the only module that touches `process`. `run()` builds the real IO and signal
 * handling around `execute()`, which runs the CLI and maps every outcome to an exit code (src/errors.ts).
 * Tests call `execute()` in-process with a memory IO.
 */
import { runCli } from './cli.js';
import { ExitCode, isCliError } from './errors.js';
import { writeError } from './output/errors.js';
import { outStream, type IO } from './output/io.js';
import { shortenLongArguments } from './output/long-arguments.js';
import { redactSecrets } from './output/redact.js';

/** After Ctrl-C, how long a command gets to stop cleanly (roll back, report) before we stop waiting. */
const INTERRUPT_GRACE_MS = 10_000;

export interface ExecuteDeps {
  io: IO;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal?: AbortSignal;
  /** Work in progress declared by commands (ctx.working); reported when interrupted. */
  unfinished?: Set<string>;
}

export function interruptReport(unfinished: ReadonlySet<string>): string {
  const left = [...unfinished];
  return left.length > 0 ? `Interrupted. Left unfinished: ${left.join('; ')}\n` : 'Interrupted.\n';
}

/** Runs one command line and returns its exit code. Never throws. */
export async function execute(argv: readonly string[], deps: ExecuteDeps): Promise<number> {
  const io = { ...deps.io, stderr: shortenLongArguments(deps.io.stderr, argv) };
  const verbose = argv.some((a) => a === '-v' || a.startsWith('--verbose') || /^-v\d+$/.test(a));
  const signal = deps.signal ?? new AbortController().signal;
  const unfinished = deps.unfinished ?? new Set<string>();
  try {
    const code = await runCli(argv, { io, env: deps.env, cwd: deps.cwd, signal, unfinished });
    if (!signal.aborted) return code;
    io.stderr.write(interruptReport(unfinished));
    return ExitCode.Interrupted;
  } catch (err) {
    if (signal.aborted) {
      const details = isCliError(err) && err.exitCode === ExitCode.Interrupted ? err.details : [];
      for (const line of details) io.stderr.write(`${redactSecrets(line)}\n`);
      io.stderr.write(interruptReport(unfinished));
      return ExitCode.Interrupted;
    }
    if (isCliError(err)) {
      if (err.message) {
        writeError(io.stderr, {
          message: redactSecrets(err.message),
          details: err.details.map(redactSecrets),
          stack: verbose && err.stack ? redactSecrets(err.stack) : undefined,
        });
      }
      return err.exitCode;
    }
    const e = err instanceof Error ? err : new Error(String(err));
    writeError(io.stderr, {
      message: redactSecrets(e.message),
      internal: true,
      stack: verbose && e.stack ? redactSecrets(e.stack) : undefined,
    });
    return ExitCode.Internal;
  }
}

function realIO(): IO {
  return {
    stdout: outStream(process.stdout, process.env),
    stderr: outStream(process.stderr, process.env),
    stdinIsTTY: process.stdin.isTTY === true,
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    readLine: () =>
      new Promise<string | undefined>((resolve) => {
        let text = '';
        const done = (line: string | undefined) => {
          process.stdin.off('data', onData);
          process.stdin.off('end', onEnd);
          process.stdin.pause();
          resolve(line);
        };
        const onData = (chunk: Buffer) => {
          text += chunk.toString('utf8');
          const nl = text.indexOf('\n');
          if (nl >= 0) done(text.slice(0, nl).replace(/\r$/, ''));
        };
        const onEnd = () => done(text === '' ? undefined : text);
        process.stdin.on('data', onData);
        process.stdin.once('end', onEnd);
        process.stdin.resume();
      }),
  };
}

const STDOUT_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EFBIG: 'file too large',
};

/**
 * Standard output failing is the environment, not a bug. `sailctl ... | head` closing the pipe (EPIPE) ends the
 * output quietly; any other write error (`> /dev/full`: ENOSPC, EIO) is one line on stderr and exit 74. Errors of
 * stderr itself have nowhere to go and are dropped.
 */
function watchStdout(io: IO): { settle(code: number): Promise<number> } {
  let failure: NodeJS.ErrnoException | undefined;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (failure) return;
    failure = err;
    if (err.code !== 'EPIPE') writeError(io.stderr, { message: `cannot write to standard output: ${STDOUT_ERRORS[err.code ?? ''] ?? err.code ?? err.message}` });
  });
  process.stderr.on('error', () => undefined);
  return {
    async settle(code) {
      // Errors of writes still queued arrive as events: let them land before deciding the exit code.
      await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
      return failure && failure.code !== 'EPIPE' ? ExitCode.IoError : code;
    },
  };
}

export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const io = realIO();
  const stdout = watchStdout(io);
  const controller = new AbortController();
  const unfinished = new Set<string>();
  const onSignal = () => {
    if (controller.signal.aborted) {
      // A second Ctrl-C: the user does not want to wait for a clean stop.
      io.stderr.write(interruptReport(unfinished));
      process.exit(ExitCode.Interrupted);
    }
    controller.abort();
    setTimeout(() => {
      io.stderr.write(interruptReport(unfinished));
      process.exit(ExitCode.Interrupted);
    }, INTERRUPT_GRACE_MS).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const code = await execute(argv, { io, env: process.env, cwd: process.cwd(), signal: controller.signal, unfinished });
    process.exitCode = await stdout.settle(code);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
