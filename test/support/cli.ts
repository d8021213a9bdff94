/** Runs sailctl in-process with a memory IO: exit code, stdout and stderr, as the binary would give them. */
import { execute } from '../../src/main.js';
import { createMemoryIO } from '../../src/output/io.js';

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runSailctl(
  argv: readonly string[],
  options: { stdin?: string; env?: Record<string, string>; cwd?: string; signal?: AbortSignal; tty?: { stdout: boolean; stderr: boolean } } = {},
): Promise<CliRun> {
  const io = createMemoryIO({ stdin: options.stdin, env: options.env, tty: options.tty });
  const exitCode = await execute(argv, {
    io,
    env: { ...options.env },
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal,
  });
  return { exitCode, stdout: io.out(), stderr: io.err() };
}
