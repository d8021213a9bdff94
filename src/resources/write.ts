/**
 * The one way sailctl writes files (`-o FILE`, `--in-place`, `--write-baseline`, `manifest generate -o DIR`).
 *
 * - A file is written to a temporary file in the same directory, fsynced, renamed over the target, and the
 *   directory is fsynced: a reader sees the old bytes or the new ones, never a mix.
 * - A symlink is written through to its target and stays a link. Mode and owner are kept. A file with other
 *   hard links (or whose owner we cannot give to a new file) is written in place, after a verified copy of its
 *   old bytes, so the links stay one file; a failure puts the old bytes back.
 * - Devices, FIFOs, sockets, directories and anything on /proc or /sys are refused (exit 73), as is a
 *   missing parent directory.
 * - A directory is built beside the target and swapped in; an existing one is replaced only when it holds
 *   nothing but files sailctl would write there, so no stale component file survives and nothing else is lost.
 * - An interruption before the commit point leaves the target byte-identical, and the error says so.
 */
import type { Stats } from 'node:fs';
import { lstat, mkdir, open, readdir, readFile, readlink, realpath, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve as resolvePath } from 'node:path';
import { CantCreateError, InterruptedError, IoWriteError, type CliError } from '../errors.js';

export interface WriteOptions {
  /** The path as the user gave it, for messages (default: the path written). */
  shown?: string;
  /** Aborted on Ctrl-C: checked just before the commit point. */
  signal?: AbortSignal;
  /** Called once the new bytes are safely on disk, just before they replace the target (tests interrupt here). */
  beforeCommit?: () => void | Promise<void>;
}

export interface DirectoryWriteOptions extends WriteOptions {
  /** Names of entries sailctl may replace in an existing directory (its own earlier output). */
  replaceable: (name: string) => boolean;
}

/** Symlink hops followed before giving up, as the kernel's limit. */
const MAX_LINK_HOPS = 40;
const KERNEL_FILESYSTEMS = ['/proc', '/sys'];
/** Errors of the environment rather than of the target: exit 74. */
const IO_CODES = new Set(['ENOSPC', 'EIO', 'EDQUOT', 'EFBIG']);

const ERRNO_TEXT: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  ENOTDIR: 'a component of the path is not a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
};

function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

function describeErrno(err: unknown): string {
  const code = errnoCode(err);
  return code ? (ERRNO_TEXT[code] ?? code) : String(err);
}

/** The typed error for a failed write; `unchanged` is what the user should know about the old target. */
function writeFailure(shown: string, err: unknown, unchanged: string): CliError {
  if (err instanceof CantCreateError || err instanceof IoWriteError || err instanceof InterruptedError) return err;
  const message = `cannot write ${shown}: ${describeErrno(err)}`;
  const code = errnoCode(err);
  return code && IO_CODES.has(code) ? new IoWriteError(message, { cause: err, details: [unchanged] }) : new CantCreateError(message, { cause: err, details: [unchanged] });
}

function kindOf(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw err;
  }
}

interface Target {
  /** The path finally written: symlinks resolved, the links themselves left alone. */
  path: string;
  /** What is there now (never a symlink), or undefined for a new file. */
  info: Stats | undefined;
}

/** Follows symlinks to the path to write, checks the parent directory, refuses kernel filesystems. */
async function resolveTarget(path: string, shown: string): Promise<Target> {
  let current = path;
  for (let hop = 0; ; hop++) {
    if (hop > MAX_LINK_HOPS) throw new CantCreateError(`cannot write ${shown}: too many levels of symbolic links`);
    let info: Stats | undefined;
    try {
      info = await lstatOrUndefined(current);
    } catch (err) {
      throw writeFailure(shown, err, `${shown} was not changed.`);
    }
    if (info?.isSymbolicLink()) {
      current = resolvePath(dirname(current), await readlink(current));
      continue;
    }
    const parent = dirname(current);
    let parentReal: string;
    try {
      parentReal = await realpath(parent);
      if (!(await stat(parentReal)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    } catch (err) {
      const code = errnoCode(err);
      if (code === 'ENOENT') throw new CantCreateError(`cannot write ${shown}: directory ${parent} does not exist`, { cause: err });
      if (code === 'ENOTDIR') throw new CantCreateError(`cannot write ${shown}: ${parent} is not a directory`, { cause: err });
      throw writeFailure(shown, err, `${shown} was not changed.`);
    }
    const real = join(parentReal, basename(current));
    const kernel = KERNEL_FILESYSTEMS.find((fs) => real === fs || real.startsWith(`${fs}/`));
    if (kernel) throw new CantCreateError(`refusing to write ${shown}: ${real} is on ${kernel}, a kernel file system`, { details: ['Choose a path on an ordinary file system, or - for standard output.'] });
    return { path: real, info };
  }
}

async function temporaryName(dir: string, base: string, suffix: string): Promise<string> {
  const { randomBytes } = await import('node:crypto'); // only when writing: keeps start-up lean
  return join(dir, `.${base}.sailctl-${randomBytes(6).toString('hex')}.${suffix}`);
}

async function writeAllAndSync(fh: FileHandle, bytes: Uint8Array, position = 0): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
  await fh.truncate(position + bytes.length);
  await fh.sync();
}

/** Creates `path` exclusively with `bytes`, fsynced; mode and owner copied from `like` when given. */
async function createSynced(path: string, bytes: Uint8Array, like: Stats | undefined): Promise<void> {
  const fh = await open(path, 'wx', like ? like.mode & 0o7777 : 0o666);
  try {
    if (like) {
      await fh.chmod(like.mode & 0o7777); // open()'s mode is filtered by the umask
      await fh.chown(like.uid, like.gid);
    }
    await writeAllAndSync(fh, bytes);
  } finally {
    await fh.close();
  }
}

/** fsync a directory so a rename in it survives a crash; file systems that cannot do it are let be. */
async function syncDirectory(dir: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch (err) {
    if (!['EINVAL', 'EISDIR', 'EBADF', 'ENOTSUP'].includes(errnoCode(err) ?? '')) throw err;
  } finally {
    await fh?.close();
  }
}

async function commitPoint(options: WriteOptions, shown: string, unchanged: string): Promise<void> {
  await options.beforeCommit?.();
  if (options.signal?.aborted) throw new InterruptedError(`interrupted before ${shown} was written`, { details: [unchanged] });
}

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

/**
 * Writes a file in place, keeping its inode (hard links, an owner we could not give a new file): first a
 * verified copy of the old bytes beside it, then the new bytes over the old; a failure puts the old ones back.
 */
async function writeInPlace(target: Target, bytes: Uint8Array, shown: string, options: WriteOptions): Promise<void> {
  const unchanged = `${shown} was not changed.`;
  const old = await readFile(target.path);
  const backup = await temporaryName(dirname(target.path), basename(target.path), 'orig');
  await createSynced(backup, old, undefined);
  if (!Buffer.from(await readFile(backup)).equals(old)) {
    await unlink(backup).catch(() => undefined);
    throw new IoWriteError(`cannot write ${shown}: the safety copy of its old content did not read back identical`, { details: [unchanged] });
  }
  try {
    await commitPoint(options, shown, unchanged);
  } catch (err) {
    await unlink(backup).catch(() => undefined);
    throw err;
  }
  const fh = await open(target.path, 'r+');
  try {
    await writeAllAndSync(fh, bytes);
  } catch (err) {
    try {
      await writeAllAndSync(fh, old);
    } catch {
      throw writeFailure(shown, err, `${shown} may be damaged; its old content is in ${backup}.`);
    }
    await unlink(backup).catch(() => undefined);
    throw writeFailure(shown, err, `${shown} was restored to its old content.`);
  } finally {
    await fh.close();
  }
  await unlink(backup);
}

/** Writes `data` to `path` safely (see the module comment). Throws CantCreateError (73), IoWriteError (74) or InterruptedError (130). */
export async function writeFileSafely(path: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  const shown = options.shown ?? path;
  const unchanged = `${shown} was not changed.`;
  const target = await resolveTarget(path, shown);
  const kind = target.info && kindOf(target.info);
  if (kind) throw new CantCreateError(`refusing to write ${shown}: it is ${kind}, not a regular file`, { details: ['Choose a regular file, or - for standard output.'] });
  const bytes = toBytes(data);
  try {
    if (target.info && target.info.nlink > 1) return await writeInPlace(target, bytes, shown, options);
    const tmp = await temporaryName(dirname(target.path), basename(target.path), 'tmp');
    try {
      await createSynced(tmp, bytes, target.info);
      await commitPoint(options, shown, unchanged);
      await rename(tmp, target.path);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      // We may not give a new file someone else's owner: keep theirs by writing in place instead.
      if (target.info && errnoCode(err) === 'EPERM') return await writeInPlace(target, bytes, shown, options);
      throw err;
    }
    await syncDirectory(dirname(target.path));
  } catch (err) {
    throw writeFailure(shown, err, unchanged);
  }
}

/**
 * Writes `files` (name -> text) as the only content of directory `dir`: built in a sibling directory, fsynced,
 * then swapped in. Existing entries are never followed (symlinks included); the whole directory is replaced.
 */
export async function writeDirectorySafely(dir: string, files: ReadonlyMap<string, string>, options: DirectoryWriteOptions): Promise<void> {
  const shown = options.shown ?? dir;
  const unchanged = `${shown} was not changed.`;
  const target = await resolveTarget(dir, shown);
  if (target.info && !target.info.isDirectory()) throw new CantCreateError(`refusing to write into ${shown}: it is ${kindOf(target.info) ?? 'a file'}, not a directory`);
  if (target.info) {
    const foreign = (await readdir(target.path)).filter((name) => !options.replaceable(name)).sort();
    if (foreign.length > 0) {
      const listed = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, and ${foreign.length - 5} more` : '');
      throw new CantCreateError(`refusing to replace ${shown}: it holds entries sailctl did not write (${listed})`, { details: ['Choose a new or empty directory.'] });
    }
  }
  const parent = dirname(target.path);
  const fresh = await temporaryName(parent, basename(target.path), 'new');
  try {
    await mkdir(fresh, { mode: target.info ? target.info.mode & 0o7777 : 0o777 });
    for (const [name, text] of files) {
      if (name !== basename(name) || name.startsWith('.')) throw new Error(`bad component file name ${name}`);
      await createSynced(join(fresh, name), toBytes(text), undefined);
    }
    await syncDirectory(fresh);
    await commitPoint(options, shown, unchanged);
    if (!target.info) {
      await rename(fresh, target.path);
    } else {
      const old = await temporaryName(parent, basename(target.path), 'old');
      await rename(target.path, old);
      try {
        await rename(fresh, target.path);
      } catch (err) {
        await rename(old, target.path);
        throw err;
      }
      await rm(old, { recursive: true, force: true }).catch(() => undefined); // the new content is in place already
    }
    await syncDirectory(parent);
  } catch (err) {
    await rm(fresh, { recursive: true, force: true }).catch(() => undefined);
    throw writeFailure(shown, err, unchanged);
  }
}
