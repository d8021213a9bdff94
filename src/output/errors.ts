/** How a failure is shown on stderr: one clear line, details under it, the stack only when verbose. */
import type { OutStream } from './io.js';

export interface ShownError {
  message: string;
  details?: readonly string[];
  /** Internal errors: say it is a bug. */
  internal?: boolean;
  stack?: string;
}

export function writeError(stream: OutStream, error: ShownError): void {
  const s = stream.style;
  const label = error.internal ? s.red.bold('Internal error:') : s.red('Error:');
  stream.write(`${label} ${error.message}\n`);
  for (const line of error.details ?? []) stream.write(`  ${line}\n`);
  if (error.internal) {
    stream.write('This is a bug in sailctl. Please report it with the command you ran');
    stream.write(error.stack ? ' and the stack below.\n' : ' and its output with --verbose.\n');
  }
  if (error.stack) stream.write(`${s.dim(error.stack)}\n`);
}
