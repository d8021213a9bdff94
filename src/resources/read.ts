/**
 * Files, directories and stdin -> SourceText. Only this folder and src/manifest/ read files.
 * Missing paths, non-UTF-8 content and oversized files become problems, not exceptions; a path that exists but
 * cannot be read (permission, I/O error) is NoInputError (exit 66) naming it.
 *
 * The walk is safe on hostile trees: directories are keyed by (device, inode), so symlink loops end; FIFOs,
 * sockets and devices met inside a directory are skipped with a warning (they are opened non-blocking, so a
 * FIFO swapped in after the listing cannot hang us either); the depth is bounded; a read stops one byte past
 * the size limit, so even /dev/zero named on the command line ends. A path named on the command line is read
 * whatever it is (`-f <(cmd)` is a pipe).
 */
import { constants, type Stats } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { NoInputError } from '../errors.js';
import { DEFAULT_MAX_INPUT_BYTES } from './limits.js';
import type { LoadProblem, SourceText } from './types.js';

export interface ReadOptions {
  /** Descend into sub-directories (`-R`). */
  recursive?: boolean;
  /** Reads stdin for `-`. */
  readStdin?: () => Promise<Buffer>;
  /** Resolve relative paths against this directory (the messages keep the path as given). */
  cwd?: string;
  /** Largest file accepted (default: 4 x 32 MiB; each document is also limited to 32 MiB). */
  maxFileBytes?: number;
  /** Told about what the walk skipped (FIFOs, devices, loops, too deep); the command prints it on stderr. */
  warn?: (message: string) => void;
  /** A directory named on the command line is a problem (commands that take one file, e.g. kube-inject). */
  filesOnly?: boolean;
}

/** Directory levels below a path named on the command line that `-R` descends. */
export const MAX_TREE_DEPTH = 64;
const READ_CHUNK = 1 << 20;

const YAML_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const decoder = new TextDecoder('utf-8', { fatal: true });

function ioProblem(file: string, message: string, kind: LoadProblem['kind'] = 'io'): LoadProblem {
  return { file, line: 1, col: 1, kind, message };
}

/** Decodes UTF-8 strictly (a BOM is dropped); `undefined` when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    const text = decoder.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

const ERRNO_TEXT: Record<string, string> = { EACCES: 'permission denied', EPERM: 'operation not permitted', EIO: 'input/output error', ELOOP: 'too many levels of symbolic links' };

/** A path that is not there (or cannot name anything): a located input problem (65), not an unreadable file. */
const ABSENT: Record<string, string> = { ENOENT: 'no such file or directory', ENOTDIR: 'not a directory', ENAMETOOLONG: 'file name too long' };

function absent(err: unknown): string | undefined {
  return ABSENT[(err as NodeJS.ErrnoException).code ?? ''];
}

function unreadable(shown: string, err: unknown): NoInputError {
  const code = (err as NodeJS.ErrnoException).code;
  return new NoInputError(`cannot read ${shown}: ${(code && ERRNO_TEXT[code]) ?? code ?? String(err)}`, { cause: err });
}

function sizeText(bytes: number): string {
  return bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MiB` : `${bytes} bytes`;
}

function specialKind(info: Stats): string | undefined {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return undefined;
}

/** Reads at most `limit + 1` bytes: enough to know a file is over the limit without reading all of it. */
async function readBounded(path: string, limit: number, inTree: boolean): Promise<{ bytes: Buffer; special?: string; size?: number }> {
  const fh = await open(path, constants.O_RDONLY | (inTree ? constants.O_NONBLOCK : 0));
  try {
    const info = await fh.stat();
    const special = specialKind(info);
    if (special && inTree) return { bytes: Buffer.alloc(0), special };
    if (info.isFile() && info.size > limit) return { bytes: Buffer.alloc(0), size: info.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(READ_CHUNK, limit + 1 - total));
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) break;
    }
    return { bytes: Buffer.concat(chunks, total) };
  } finally {
    await fh.close();
  }
}

export async function readSources(paths: readonly string[], options: ReadOptions = {}): Promise<{ sources: SourceText[]; problems: LoadProblem[] }> {
  const sources: SourceText[] = [];
  const problems: LoadProblem[] = [];
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const resolve = (p: string) => (options.cwd && !p.startsWith('/') ? join(options.cwd, p) : p);
  const warn = options.warn ?? (() => undefined);
  const visited = new Set<string>();

  const addBytes = (name: string, bytes: Uint8Array) => {
    if (bytes.length > maxBytes) {
      problems.push(ioProblem(name, `input is over the ${sizeText(maxBytes)} limit`, 'limit'));
      return;
    }
    const text = decodeUtf8(bytes);
    if (text === undefined) problems.push(ioProblem(name, 'input is not valid UTF-8 text', 'encoding'));
    else sources.push({ name, text });
  };

  const readOne = async (shown: string, real: string, inTree: boolean) => {
    let read;
    try {
      read = await readBounded(real, maxBytes, inTree);
    } catch (err) {
      const reason = absent(err);
      if (!reason) throw unreadable(shown, err);
      problems.push(ioProblem(shown, reason));
      return;
    }
    if (read.special) warn(`skipped ${shown}: it is ${read.special}, not a file`);
    else if (read.size !== undefined) problems.push(ioProblem(shown, `file is ${sizeText(read.size)}, over the ${sizeText(maxBytes)} limit`, 'limit'));
    else addBytes(shown, read.bytes);
  };

  const walkDirectory = async (shown: string, real: string, info: Stats, depth: number): Promise<void> => {
    const key = `${info.dev}:${info.ino}`;
    if (visited.has(key)) {
      warn(`skipped ${shown}: a directory already read (a symlink loop or a second link to it)`);
      return;
    }
    visited.add(key);
    let entries: string[];
    try {
      entries = (await readdir(real)).sort();
    } catch (err) {
      throw unreadable(shown, err);
    }
    for (const e of entries) {
      const childShown = join(shown, e);
      const childReal = join(real, e);
      let childInfo: Stats;
      try {
        childInfo = await stat(childReal);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') warn(`skipped ${childShown}: a dangling symlink`);
        else if (code === 'ELOOP') warn(`skipped ${childShown}: a symlink loop`);
        else throw unreadable(childShown, err);
        continue;
      }
      if (childInfo.isDirectory()) {
        if (!options.recursive) continue;
        if (depth >= MAX_TREE_DEPTH) warn(`skipped ${childShown}: deeper than ${MAX_TREE_DEPTH} directory levels`);
        else await walkDirectory(childShown, childReal, childInfo, depth + 1);
      } else if (YAML_EXTENSIONS.has(extname(e).toLowerCase())) {
        await readOne(childShown, childReal, true);
      }
    }
  };

  for (const p of paths) {
    if (p === '-') {
      if (!options.readStdin) problems.push(ioProblem('-', 'reading standard input is not supported here'));
      else addBytes('-', await options.readStdin());
      continue;
    }
    const real = resolve(p);
    let info: Stats;
    try {
      info = await stat(real);
    } catch (err) {
      const reason = absent(err);
      if (!reason) throw unreadable(p, err);
      problems.push(ioProblem(p, reason));
      continue;
    }
    if (info.isDirectory() && options.filesOnly) problems.push(ioProblem(p, 'is a directory; give a YAML file'));
    else if (info.isDirectory()) await walkDirectory(p, real, info, 0);
    else await readOne(p, real, false);
  }
  return { sources, problems };
}
