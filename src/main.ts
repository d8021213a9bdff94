/**
 * The process boundary: the only module that touches `process`. Builds the real IO, runs the CLI,
 * maps every outcome to an exit code (src/errors.ts), and turns Ctrl-C into exit 130 with a line
 * saying what was left unfinished.
 */
import { runCli } from './cli.js';
import { ExitCode, InterruptedError, isCliError } from './errors.js';
import { writeError } from './output/errors.js';
import { outStream, type IO } from './output/io.js';
import { redactSecrets } from './output/redact.js';

/** After Ctrl-C, how long a command gets to stop cleanly (roll back, report) before we stop waiting. */
const INTERRUPT_GRACE_MS = 10_000;

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
  };
}

export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const io = realIO();
  // `sailctl ... | head` closes our stdout early: that is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  const verbose = argv.some((a) => a === '-v' || a.startsWith('--verbose') || /^-v\d+$/.test(a));
  const controller = new AbortController();
  const unfinished = new Set<string>();
  let interrupted = false;

  const reportInterrupt = () => {
    const left = [...unfinished];
    io.stderr.write(
      left.length > 0
        ? `Interrupted. Left unfinished: ${left.join('; ')}\n`
        : 'Interrupted.\n',
    );
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      // A second Ctrl-C: the user does not want to wait for a clean stop.
      reportInterrupt();
      process.exit(ExitCode.Interrupted);
    }
    interrupted = true;
    controller.abort(new InterruptedError(`interrupted by ${signal}`));
    setTimeout(() => {
      reportInterrupt();
      process.exit(ExitCode.Interrupted);
    }, INTERRUPT_GRACE_MS).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    await runCli(argv, { io, env: process.env, cwd: process.cwd(), signal: controller.signal, unfinished });
    process.exitCode = interrupted ? ExitCode.Interrupted : ExitCode.Ok;
    if (interrupted) reportInterrupt();
  } catch (err) {
    if (interrupted) {
      const details = isCliError(err) && err.exitCode === ExitCode.Interrupted ? err.details : [];
      for (const line of details) io.stderr.write(`${redactSecrets(line)}\n`);
      reportInterrupt();
      process.exitCode = ExitCode.Interrupted;
    } else if (isCliError(err)) {
      if (err.message) {
        writeError(io.stderr, {
          message: redactSecrets(err.message),
          details: err.details.map(redactSecrets),
          stack: verbose && err.stack ? redactSecrets(err.stack) : undefined,
        });
      }
      process.exitCode = err.exitCode;
    } else {
      const e = err instanceof Error ? err : new Error(String(err));
      writeError(io.stderr, {
        message: redactSecrets(e.message),
        internal: true,
        stack: verbose && e.stack ? redactSecrets(e.stack) : undefined,
      });
      process.exitCode = ExitCode.Internal;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
