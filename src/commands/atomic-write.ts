/**
 * Writing output files safely: the text goes to a temporary file beside the target, then is renamed over
 * it, so a failure never leaves a truncated file and an input that is also the output is read in full first.
 */
import { rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const { randomBytes } = await import('node:crypto'); // only when writing: keeps start-up lean
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    mode = (await stat(path)).mode & 0o777;
  } catch {
    mode = undefined;
  }
  try {
    await writeFile(tmp, text, mode === undefined ? undefined : { mode });
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}
