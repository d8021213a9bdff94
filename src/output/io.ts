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

/** Colour decision, as kubectl/linkerd: NO_COLOR (any value) wins, then FORCE_COLOR, then TTY. */
export function colorEnabled(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

export function outStream(stream: StreamLike, env: Readonly<Record<string, string | undefined>>): OutStream {
  const isTTY = stream.isTTY === true;
  const color = colorEnabled(isTTY, env);
  return {
    write: (text: string) => {
      stream.write(text);
    },
    isTTY,
    color,
    get columns() {
      return stream.columns && stream.columns > 0 ? stream.columns : 80;
    },
    style: new Chalk({ level: color ? 1 : 0 }),
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

/** An IO that records output: for tests of commands and printers. */
export function createMemoryIO(options: { stdin?: string | Buffer; tty?: boolean; env?: Record<string, string> } = {}): MemoryIO {
  let out = '';
  let err = '';
  const env = options.env ?? {};
  const tty = options.tty ?? false;
  return {
    stdout: outStream({ write: (s: string) => (out += s), isTTY: tty }, env),
    stderr: outStream({ write: (s: string) => (err += s), isTTY: tty }, env),
    stdinIsTTY: options.stdin === undefined,
    readStdin: async () => Buffer.from(options.stdin ?? ''),
    out: () => out,
    err: () => err,
  };
}
