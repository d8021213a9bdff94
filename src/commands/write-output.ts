/** Where a command's result goes: standard output (no target, or `-`) or a file written safely (src/resources/write.ts). */
import { resolve } from 'node:path';
import type { CliContext } from '../context.js';
import { writeFileSafely } from '../resources/write.js';

export async function writeOutput(ctx: CliContext, target: string | undefined, text: string): Promise<void> {
  if (target === undefined || target === '-') {
    ctx.io.stdout.write(text);
    return;
  }
  await writeFileSafely(resolve(ctx.cwd, target), text, { shown: target, signal: ctx.signal });
}
