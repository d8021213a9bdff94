/** Reads what `analyze` needs from files: the resources, `--meshConfigFile`/`--meshNetworksFile`, `--baseline`. */
import { parse } from 'yaml';
import { readBaseline, type Baseline } from '../analyze/filter.js';
import type { CliContext } from '../context.js';
import { InputError } from '../errors.js';
import { loadResources, readSources, type LoadedResource, type LoadProblem } from '../resources/index.js';
import { readOptions } from './read-options.js';

export interface FileInputs {
  resources: LoadedResource[];
  problems: LoadProblem[];
}

/** Reads files, stdin and directories (always recursively, as istioctl does). */
export async function loadFiles(ctx: CliContext, paths: readonly string[], ignoreUnknown: boolean): Promise<FileInputs> {
  if (paths.length === 0) return { resources: [], problems: [] };
  const { resources, problems } = await loadResources(paths, { ...readOptions(ctx, true), requireName: true });
  // --ignore-unknown: documents that are not Kubernetes objects are skipped quietly (unreadable files still count).
  return { resources, problems: ignoreUnknown ? problems.filter((p) => p.kind !== 'structure' && p.kind !== 'syntax') : problems };
}

/** One YAML/JSON document from a file; InputError (exit 65) when it cannot be read or is not a mapping. */
export async function readDocument(ctx: CliContext, path: string, flag: string): Promise<Record<string, unknown>> {
  const { sources, problems } = await readSources([path], readOptions(ctx));
  const problem = problems[0];
  if (problem) throw new InputError(`${flag} ${path}: ${problem.message}`);
  let data: unknown;
  try {
    data = parse(sources[0]?.text ?? '');
  } catch (err) {
    throw new InputError(`${flag} ${path}: not valid YAML: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new InputError(`${flag} ${path}: expected a mapping`);
  return data as Record<string, unknown>;
}

export async function loadBaseline(ctx: CliContext, path: string): Promise<Baseline> {
  const data = await readDocument(ctx, path, '--baseline');
  const baseline = readBaseline(data);
  if (!baseline) throw new InputError(`--baseline ${path}: not a sailctl baseline (expected "findings: [{code, origin, message}]"; write one with --write-baseline)`);
  return baseline;
}
