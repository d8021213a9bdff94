/**
 * `sailctl manifest generate` (render an install to YAML, or one file per component with -o DIR) and
 * `sailctl manifest diff A B` (compare two manifests object by object; exit 2 when they differ).
 */
import { resolve } from 'node:path';
import type { CliContext } from '../context.js';
import { ExitCode, InputError, UsageError, type Outcome } from '../errors.js';
import type { InstallFlags } from '../manifest/inputs.js';
import type { ComponentName } from '../manifest/render.js';
import { readOptions } from './read-options.js';

export interface ManifestGenerateOptions extends InstallFlags {
  output?: string;
  component?: string[];
}

const COMPONENTS: ComponentName[] = ['Base', 'Pilot', 'Cni', 'Ztunnel', 'IngressGateways', 'EgressGateways'];

function componentName(name: string): ComponentName {
  const found = COMPONENTS.find((c) => c.toLowerCase() === name.toLowerCase());
  if (!found) throw new UsageError(`unknown component "${name}": use ${COMPONENTS.join(', ')}`);
  return found;
}

export async function manifestGenerateCommand(ctx: CliContext, options: Record<string, unknown>): Promise<void> {
  const opts = options as ManifestGenerateOptions;
  const only = opts.component?.map(componentName);
  const flagless = !opts.filename?.length && !opts.set?.length && !opts.profile && opts.revision === undefined && !only && !opts.output;
  if (flagless) {
    // Rendered at build time (scripts/generate/50-default-manifest.ts): the renderer is not even imported.
    const { DEFAULT_MANIFEST } = await import('../manifest/generated/default-manifest.js');
    for (const w of DEFAULT_MANIFEST.warnings) ctx.io.stderr.write(`${ctx.io.stderr.style.yellow('Warning:')} ${w}\n`);
    ctx.io.stdout.write(DEFAULT_MANIFEST.yaml);
    return;
  }
  const [{ readInstallInput }, { render, renderYaml }, { resolveInstall }, { componentFiles }, { writeDirectorySafely }] = await Promise.all([
    import('../manifest/inputs.js'),
    import('../manifest/render.js'),
    import('../manifest/values.js'),
    import('../manifest/files.js'),
    import('../resources/write.js'),
  ]);
  const input = await readInstallInput(opts, { cwd: ctx.cwd, readStdin: () => ctx.io.readStdin() });
  const set = render(resolveInstall(input), { namespaces: false });
  if (only) set.objects = set.objects.filter((o) => only.includes(o.component));
  for (const w of set.warnings) ctx.io.stderr.write(`${ctx.io.stderr.style.yellow('Warning:')} ${w}\n`);
  if (opts.output && opts.output !== '-') {
    const files = componentFiles(set);
    const replaceable = (name: string) => COMPONENTS.some((c) => name === `${c}.yaml`);
    await writeDirectorySafely(resolve(ctx.cwd, opts.output), files, { shown: opts.output, signal: ctx.signal, replaceable });
    ctx.io.stderr.write(`Wrote ${set.objects.length} objects in ${files.size} files to ${opts.output}\n`);
    return;
  }
  ctx.io.stdout.write(renderYaml(set));
}

export interface ManifestDiffOptions {
  output: string;
  ignore?: string[];
}

export async function manifestDiffCommand(ctx: CliContext, options: Record<string, unknown>, args: string[]): Promise<Outcome> {
  const opts = options as unknown as ManifestDiffOptions;
  if (!['text', 'json'].includes(opts.output)) throw new UsageError(`unknown output format "${opts.output}": use text or json`);
  const [a, b] = args as [string, string];
  const [{ diffManifests, formatDiffText, ignorePaths }, { formatJson }, { loadResources }] = await Promise.all([
    import('../manifest/diff.js'),
    import('../output/json.js'),
    import('../resources/index.js'),
  ]);
  if (a === '-' && b === '-') throw new UsageError('only one of the two manifests can be standard input (-)');
  const load = async (path: string) => {
    const { resources, problems } = await loadResources([path], readOptions(ctx));
    const first = problems[0];
    if (first) throw new InputError(`${first.file}:${first.line}:${first.col}: ${first.message}`, { details: problems.slice(1).map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`) });
    return resources.map((r) => r.object as never);
  };
  const diffs = diffManifests(await load(a), await load(b), ignorePaths(opts.ignore ?? []));
  if (opts.output === 'json') ctx.io.stdout.write(formatJson({ identical: diffs.length === 0, differences: diffs }));
  else ctx.io.stdout.write(formatDiffText(diffs, { a, b }));
  if (diffs.length === 0) {
    ctx.io.stderr.write('Manifests are identical\n');
    return;
  }
  const count = (s: string) => diffs.filter((d) => d.status === s).length;
  // Differences are the answer, not an error: a plain summary for people, exit 2.
  ctx.io.stderr.write(`${diffs.length} objects differ: ${count('added')} only in ${b}, ${count('removed')} only in ${a}, ${count('changed')} changed\n`);
  return ExitCode.Changes;
}
