/**
 * Files, directories and stdin -> SourceText. Only this folder and src/manifest/ read files.
 * Unreadable paths, non-UTF-8 content and oversized files become problems, not exceptions.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { MAX_DOCUMENT_BYTES } from './reference.js';
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
}

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

export async function readSources(paths: readonly string[], options: ReadOptions = {}): Promise<{ sources: SourceText[]; problems: LoadProblem[] }> {
  const sources: SourceText[] = [];
  const problems: LoadProblem[] = [];
  const maxBytes = options.maxFileBytes ?? 4 * MAX_DOCUMENT_BYTES;
  const resolve = (p: string) => (options.cwd && !p.startsWith('/') ? join(options.cwd, p) : p);

  const addBytes = (name: string, bytes: Uint8Array) => {
    if (bytes.length > maxBytes) {
      problems.push(ioProblem(name, `input is ${Math.round(bytes.length / 1048576)} MiB, over the ${Math.round(maxBytes / 1048576)} MiB limit`, 'limit'));
      return;
    }
    const text = decodeUtf8(bytes);
    if (text === undefined) problems.push(ioProblem(name, 'input is not valid UTF-8 text', 'encoding'));
    else sources.push({ name, text });
  };

  const walk = async (shown: string, real: string, top: boolean): Promise<void> => {
    let info;
    try {
      info = await stat(real);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problems.push(ioProblem(shown, code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : `cannot read: ${code ?? err}`));
      return;
    }
    if (info.isDirectory()) {
      if (!top && !options.recursive) return;
      const entries = (await readdir(real)).sort();
      for (const e of entries) {
        const childReal = join(real, e);
        let childInfo;
        try {
          childInfo = await stat(childReal);
        } catch {
          continue;
        }
        if (childInfo.isDirectory()) {
          if (options.recursive) await walk(join(shown, e), childReal, false);
        } else if (YAML_EXTENSIONS.has(extname(e).toLowerCase())) {
          await walk(join(shown, e), childReal, false);
        }
      }
      return;
    }
    if (info.size > maxBytes) {
      problems.push(ioProblem(shown, `file is ${Math.round(info.size / 1048576)} MiB, over the ${Math.round(maxBytes / 1048576)} MiB limit`, 'limit'));
      return;
    }
    try {
      addBytes(shown, await readFile(real));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problems.push(ioProblem(shown, code === 'EACCES' ? 'permission denied' : `cannot read: ${code ?? err}`));
    }
  };

  for (const p of paths) {
    if (p === '-') {
      if (!options.readStdin) problems.push(ioProblem('-', 'reading standard input is not supported here'));
      else addBytes('-', await options.readStdin());
    } else {
      await walk(p, resolve(p), true);
    }
  }
  return { sources, problems };
}
