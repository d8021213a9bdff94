/** How commands read input files: relative to the working directory, `-` from stdin, skipped entries warned about on stderr. */
import type { CliContext } from '../context.js';
import type { ReadOptions } from '../resources/index.js';

export function readOptions(ctx: CliContext, recursive = false): ReadOptions {
  return {
    cwd: ctx.cwd,
    recursive,
    readStdin: () => ctx.io.readStdin(),
    warn: (message) => ctx.io.stderr.write(`${ctx.io.stderr.style.yellow('Warning:')} ${message}\n`),
  };
}
