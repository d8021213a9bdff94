/**
 * The IO object: the only way code reaches the terminal. `main.ts` builds the real one from `process`;
 * tests build a memory one with `createMemoryIO`.
 */
import { Chalk, type ChalkInstance } from 'chalk';

export interface OutStream {
  write(text: string): void;
  readonly isTTY: boolean;
  /** Colours allowed: a TTY and no NO_COLOR (FORCE_COLOR can force them on). */
  readonly color: boolean;
  /** Terminal width, 80 when unknown. */
  readonly columns: number;
  /** Styles for this stream: no-ops when `color` is false. */
  readonly style: ChalkInstance;
}

export interface IO {
  /** Data: YAML, JSON, tables. Pure enough to pipe. */
  readonly stdout: OutStream;
  /** People: progress, warnings, reports, errors. */
  readonly stderr: OutStream;
  readonly stdinIsTTY: boolean;
  /** Reads all of standard input (for `-f -`). */
  readStdin(): Promise<Buffer>;
  /** Reads one line of terminal input (confirmations); undefined at end of input. Absent where nobody can answer. */
  readLine?(): Promise<string | undefined>;
}

export interface StreamLike {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Colour decision for one stream: NO_COLOR (any non-empty value, no-color.org) wins; then FORCE_COLOR forces
 * colour on, except `0` and `false` (as chalk's supports-color reads it); then TERM=dumb turns it off; else only a TTY.
 */
export function colorEnabled(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/**
 * Styles for text written to `stream`, following colorEnabled: no-ops where colour is off. For code that writes
 * to a stream itself (scripts/demo.ts); sailctl's own output gets them as `OutStream.style`.
 */
export function streamStyle(stream: StreamLike, env: Readonly<Record<string, string | undefined>>): ChalkInstance {
  return new Chalk({ level: colorEnabled(stream.isTTY === true, env) ? 1 : 0 });
}

export function outStream(stream: StreamLike, env: Readonly<Record<string, string | undefined>>): OutStream {
  const isTTY = stream.isTTY === true;
  const style = streamStyle(stream, env);
  return {
    write: (text: string) => {
      stream.write(text);
    },
    isTTY,
    color: style.level > 0,
    get columns() {
      return stream.columns && stream.columns > 0 ? stream.columns : 80;
    },
    style,
  };
}

/** The same stream with colours forced on or off (`--color` / `--color=false`). */
export function withColor(stream: OutStream, color: boolean): OutStream {
  return {
    write: (text: string) => stream.write(text),
    isTTY: stream.isTTY,
    color,
    get columns() {
      return stream.columns;
    },
    style: new Chalk({ level: color ? 1 : 0 }),
  };
}

export interface MemoryIO extends IO {
  /** Everything written to stdout so far. */
  out(): string;
  /** Everything written to stderr so far. */
  err(): string;
}

/** An IO that records output: for tests of commands and printers. `tty` for both streams, or each on its own. */
export function createMemoryIO(
  options: { stdin?: string | Buffer; tty?: boolean | { stdout: boolean; stderr: boolean }; env?: Record<string, string> } = {},
): MemoryIO {
  let out = '';
  let err = '';
  const env = options.env ?? {};
  const tty = typeof options.tty === 'object' ? options.tty : { stdout: options.tty ?? false, stderr: options.tty ?? false };
  return {
    stdout: outStream({ write: (s: string) => (out += s), isTTY: tty.stdout }, env),
    stderr: outStream({ write: (s: string) => (err += s), isTTY: tty.stderr }, env),
    stdinIsTTY: options.stdin === undefined,
    readStdin: async () => Buffer.from(options.stdin ?? ''),
    out: () => out,
    err: () => err,
  };
}
