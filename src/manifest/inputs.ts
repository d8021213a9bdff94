/**
 * Install flags -> InstallInput: reads the `-f` IstioOperator files (`-` for stdin) so commands
 * (`manifest generate`, `install`, `profile dump`, ...) share one reading of `-f/--set/--profile/-r/--force`.
 */
import { InputError } from '../errors.js';
import { readSources } from '../resources/index.js';
import type { InstallInput } from './values.js';

export interface InstallFlags {
  filename?: string[];
  set?: string[];
  profile?: string;
  revision?: string;
  force?: boolean;
}

export interface ReadEnv {
  cwd: string;
  readStdin: () => Promise<Buffer>;
}

export async function readInstallInput(flags: InstallFlags, env: ReadEnv): Promise<InstallInput> {
  const files = flags.filename ?? [];
  if (files.filter((f) => f === '-').length > 1) throw new InputError('-f - (standard input) can be given only once');
  const overlays: Array<{ source: string; text: string }> = [];
  // One file at a time keeps the overlay order exactly as given on the command line.
  for (const file of files) {
    const { sources, problems } = await readSources([file], { cwd: env.cwd, readStdin: env.readStdin });
    const first = problems[0];
    if (first) throw new InputError(`${first.file}:${first.line}:${first.col}: ${first.message}`);
    overlays.push(...sources.map((s) => ({ source: s.name, text: s.text })));
  }
  return {
    ...(flags.profile ? { profile: flags.profile } : {}),
    overlays,
    set: flags.set ?? [],
    ...(flags.revision !== undefined ? { revision: flags.revision } : {}),
    force: flags.force === true,
  };
}
