import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CantCreateError, ExitCode, InterruptedError } from '../errors.js';
import { writeDirectorySafely, writeFileSafely } from './write.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'sailctl-write-'));

async function failure(promise: Promise<unknown>): Promise<{ exitCode: number; message: string; details: readonly string[] }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof CantCreateError || err instanceof InterruptedError) return { exitCode: err.exitCode, message: err.message, details: err.details };
    throw err;
  }
  throw new Error('expected the write to fail');
}

const abortBeforeCommit = () => {
  const controller = new AbortController();
  return { signal: controller.signal, beforeCommit: () => controller.abort() };
};

describe('writeFileSafely', () => {
  it('creates a new file and leaves no temporary file behind', async () => {
    const dir = scratch();
    await writeFileSafely(join(dir, 'out.yaml'), 'a: 1\n');
    expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toBe('a: 1\n');
    expect(readdirSync(dir)).toEqual(['out.yaml']);
  });

  it('keeps the mode and the owner of the file it replaces', async () => {
    const dir = scratch();
    const file = join(dir, 'f.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o640);
    chownSync(file, 4321, 4322);
    await writeFileSafely(file, 'new\n');
    const info = statSync(file);
    expect([info.mode & 0o7777, info.uid, info.gid]).toEqual([0o640, 4321, 4322]);
    expect(readFileSync(file, 'utf8')).toBe('new\n');
  });

  it('writes through a symlink to its target and keeps the link', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'target.yaml'), 'old\n');
    symlinkSync('real/target.yaml', join(dir, 'link.yaml'));
    await writeFileSafely(join(dir, 'link.yaml'), 'new\n');
    expect(lstatSync(join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real', 'target.yaml'), 'utf8')).toBe('new\n');
    expect(readdirSync(join(dir, 'real'))).toEqual(['target.yaml']);
  });

  it('writes a dangling symlink’s target and refuses a symlink loop with 73', async () => {
    const dir = scratch();
    symlinkSync('created.yaml', join(dir, 'dangling.yaml'));
    await writeFileSafely(join(dir, 'dangling.yaml'), 'x\n');
    expect(readFileSync(join(dir, 'created.yaml'), 'utf8')).toBe('x\n');
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    const loop = await failure(writeFileSafely(join(dir, 'a'), 'x\n', { shown: 'a' }));
    expect(loop).toMatchObject({ exitCode: ExitCode.CantCreate, message: 'cannot write a: too many levels of symbolic links' });
  });

  it('keeps hard links one file by writing in place, after a copy it removes again', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'a.yaml'), 'old content that is longer\n');
    linkSync(join(dir, 'a.yaml'), join(dir, 'b.yaml'));
    const inode = statSync(join(dir, 'a.yaml')).ino;
    await writeFileSafely(join(dir, 'a.yaml'), 'new\n');
    expect(readFileSync(join(dir, 'b.yaml'), 'utf8')).toBe('new\n');
    expect(statSync(join(dir, 'a.yaml')).ino).toBe(inode);
    expect(readdirSync(dir).sort()).toEqual(['a.yaml', 'b.yaml']);
  });

  it('refuses FIFOs, directories, devices, /proc and /sys with 73, touching nothing', async () => {
    const dir = scratch();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    mkdirSync(join(dir, 'sub'));
    const cases: Array<[string, string]> = [
      [join(dir, 'fifo'), 'it is a FIFO (named pipe), not a regular file'],
      [join(dir, 'sub'), 'it is a directory, not a regular file'],
      ['/dev/null', 'it is a character device, not a regular file'],
      ['/proc/x', '/proc/x is on /proc, a kernel file system'],
      ['/sys/kernel/x', '/sys/kernel/x is on /sys, a kernel file system'],
    ];
    for (const [path, reason] of cases) {
      const f = await failure(writeFileSafely(path, 'x\n', { shown: 'T' }));
      expect(f.exitCode).toBe(ExitCode.CantCreate);
      expect(f.message).toBe(`refusing to write T: ${reason}`);
    }
    expect(lstatSync(join(dir, 'fifo')).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['fifo', 'sub']);
  });

  it('names a missing parent directory (73)', async () => {
    const dir = scratch();
    const f = await failure(writeFileSafely(join(dir, 'nope', 'out.yaml'), 'x\n', { shown: 'nope/out.yaml' }));
    expect(f).toMatchObject({ exitCode: ExitCode.CantCreate, message: `cannot write nope/out.yaml: directory ${join(dir, 'nope')} does not exist` });
  });

  it('leaves the original byte-identical when interrupted, and says so (replace and in-place paths)', async () => {
    const dir = scratch();
    const original = Buffer.from('kind: Pod\r\n\u00e9\u0000 end');
    writeFileSync(join(dir, 'a.yaml'), original);
    writeFileSync(join(dir, 'h.yaml'), original);
    linkSync(join(dir, 'h.yaml'), join(dir, 'h2.yaml'));
    for (const name of ['a.yaml', 'h.yaml']) {
      const f = await failure(writeFileSafely(join(dir, name), 'new\n', { shown: name, ...abortBeforeCommit() }));
      expect(f).toEqual({ exitCode: ExitCode.Interrupted, message: `interrupted before ${name} was written`, details: [`${name} was not changed.`] });
      expect(readFileSync(join(dir, name)).equals(original)).toBe(true);
    }
    expect(readdirSync(dir).sort()).toEqual(['a.yaml', 'h.yaml', 'h2.yaml']);
  });
});

describe('writeDirectorySafely', () => {
  const replaceable = (name: string) => /^[A-Z]\w*\.yaml$/.test(name);

  it('creates the directory, and replaces an earlier output without leaving stale component files', async () => {
    const dir = scratch();
    const out = join(dir, 'out');
    await writeDirectorySafely(out, new Map([['Base.yaml', 'a\n'], ['Cni.yaml', 'b\n']]), { replaceable });
    chmodSync(out, 0o750);
    await writeDirectorySafely(out, new Map([['Base.yaml', 'c\n']]), { replaceable });
    expect(readdirSync(out)).toEqual(['Base.yaml']);
    expect(readFileSync(join(out, 'Base.yaml'), 'utf8')).toBe('c\n');
    expect(statSync(out).mode & 0o7777).toBe(0o750);
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it('never follows a link out of the directory: the link is replaced, its target untouched', async () => {
    const dir = scratch();
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(dir, 'precious.yaml'), 'keep\n');
    symlinkSync('../precious.yaml', join(out, 'Base.yaml'));
    await writeDirectorySafely(out, new Map([['Base.yaml', 'new\n']]), { replaceable });
    expect(readFileSync(join(dir, 'precious.yaml'), 'utf8')).toBe('keep\n');
    expect(lstatSync(join(out, 'Base.yaml')).isFile()).toBe(true);
  });

  it('refuses a directory holding other files, and a file in place of the directory (73)', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'home'));
    writeFileSync(join(dir, 'home', 'notes.txt'), 'mine\n');
    const f = await failure(writeDirectorySafely(join(dir, 'home'), new Map([['Base.yaml', 'x\n']]), { replaceable, shown: 'home' }));
    expect(f).toMatchObject({ exitCode: ExitCode.CantCreate, message: 'refusing to replace home: it holds entries sailctl did not write (notes.txt)' });
    writeFileSync(join(dir, 'file'), 'x');
    const g = await failure(writeDirectorySafely(join(dir, 'file'), new Map(), { replaceable, shown: 'file' }));
    expect(g.message).toBe('refusing to write into file: it is a file, not a directory');
    expect(readdirSync(join(dir, 'home'))).toEqual(['notes.txt']);
  });

  it('leaves an existing directory as it was when interrupted', async () => {
    const dir = scratch();
    const out = join(dir, 'out');
    await writeDirectorySafely(out, new Map([['Base.yaml', 'a\n']]), { replaceable });
    const f = await failure(writeDirectorySafely(out, new Map([['Pilot.yaml', 'b\n']]), { replaceable, shown: 'out', ...abortBeforeCommit() }));
    expect(f.details).toEqual(['out was not changed.']);
    expect(readdirSync(out)).toEqual(['Base.yaml']);
    expect(readdirSync(dir)).toEqual(['out']);
  });
});
