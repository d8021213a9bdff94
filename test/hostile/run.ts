/**
 * Runs the built CLI (bin/sailctl.js) as a hostile user or an unlucky CI job would, with a hard timeout, and
 * checks what every hostile run must satisfy: it finishes, its exit code is a documented one (never 1, the
 * "internal error"), and no stack trace reaches the terminal.
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const BIN = fileURLToPath(new URL('../../bin/sailctl.js', import.meta.url));

/** The README's exit-code table, minus 1 (internal error) and the results 1/2 that hostile runs never reach. */
export const DOCUMENTED_EXIT_CODES = [0, 2, 64, 65, 66, 69, 73, 74, 78, 79, 80, 130];

export interface HostileRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface HostileOptions {
  cwd?: string;
  env?: Record<string, string>;
  stdin?: string;
  /** stdout as a file descriptor (e.g. /dev/full) instead of a pipe. */
  stdoutFd?: number;
  timeoutMs?: number;
  /** Called once the process runs (e.g. to send it SIGINT). */
  started?: (pid: number, child: { stdout: NodeJS.ReadableStream | null }) => void;
}

export function runHostile(args: readonly string[], options: HostileOptions = {}): Promise<HostileRun> {
  const stdio: StdioOptions = [options.stdin === undefined ? 'ignore' : 'pipe', options.stdoutFd ?? 'pipe', 'pipe'];
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent-sailctl-home', NO_COLOR: '1', ...options.env },
    stdio,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stdout?.on('error', () => undefined);
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 20_000);
  if (child.pid !== undefined) options.started?.(child.pid, child);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(node:[^)]*\))$/m;

/** Finished in time, a documented exit code (one of `allowed` when given), never 1, and no stack trace. */
export function expectClean(run: HostileRun, allowed: readonly number[] = DOCUMENTED_EXIT_CODES): void {
  expect(run.timedOut, 'the run hung and was killed').toBe(false);
  expect(run.code, `exit code; stderr: ${run.stderr}`).not.toBe(1);
  expect(allowed, `exit code ${run.code}; stderr: ${run.stderr}`).toContain(run.code);
  expect(run.stderr).not.toMatch(STACK_LINE);
  expect(run.stderr).not.toMatch(/Internal error|Maximum call stack|RangeError|TypeError/);
}
