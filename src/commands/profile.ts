/**
 * `sailctl profile list | dump [NAME] | diff A B`: the install profiles embedded in sailctl, as IstioOperator
 * documents (`dump` also takes -f/--set, like istioctl, and `--config-path` to print one subtree).
 */
import type { CliContext } from '../context.js';
import { ExitCode, InputError, UsageError, type Outcome } from '../errors.js';
import { diffValues, formatDiffText } from '../manifest/diff.js';
import { readInstallInput, type InstallFlags } from '../manifest/inputs.js';
import { getPath } from '../manifest/merge.js';
import { listProfiles, profileOperator } from '../manifest/profiles.js';
import { parseSetPath } from '../manifest/setflag.js';
import { resolveInstall } from '../manifest/values.js';
import { formatJson } from '../output/json.js';
import { formatTable } from '../output/table.js';
import { formatYaml } from '../output/yaml.js';

export interface ProfileOptions extends InstallFlags {
  output: string;
  configPath?: string;
}

function checkFormat(output: string, allowed: string[]): void {
  if (!allowed.includes(output)) throw new UsageError(`unknown output format "${output}": use ${allowed.join(', ')}`);
}

export async function profileListCommand(ctx: CliContext, options: Record<string, unknown>): Promise<void> {
  const { output } = options as unknown as ProfileOptions;
  checkFormat(output, ['text', 'json', 'yaml']);
  const profiles = listProfiles();
  if (output === 'json') ctx.io.stdout.write(formatJson(profiles));
  else if (output === 'yaml') ctx.io.stdout.write(formatYaml(profiles));
  else ctx.io.stdout.write(formatTable(['PROFILE', 'DESCRIPTION'], profiles.map((p) => [p.name, p.description])));
}

export async function profileDumpCommand(ctx: CliContext, options: Record<string, unknown>, args: string[]): Promise<void> {
  const opts = options as unknown as ProfileOptions;
  checkFormat(opts.output, ['yaml', 'json']);
  const input = await readInstallInput({ ...opts, profile: args[0] ?? opts.profile }, { cwd: ctx.cwd, readStdin: () => ctx.io.readStdin() });
  const plain = (input.overlays ?? []).length === 0 && (input.set ?? []).length === 0;
  const install = resolveInstall(input);
  for (const w of install.warnings) ctx.io.stderr.write(`${ctx.io.stderr.style.yellow('Warning:')} ${w}\n`);
  let doc: unknown = plain ? profileOperator(install.profile) : install.operator;
  if (opts.configPath) {
    const path = parseSetPath(opts.configPath.replace(/^spec\./, ''), opts.configPath);
    if (path.some((s) => typeof s === 'object')) throw new UsageError('--config-path takes field names and [N] indexes only');
    doc = getPath(getPath(doc, ['spec']), path as (string | number)[]);
    if (doc === undefined) throw new InputError(`--config-path ${opts.configPath}: the ${install.profile} profile does not set it`);
  }
  ctx.io.stdout.write(opts.output === 'json' ? formatJson(doc) : formatYaml(doc));
}

export async function profileDiffCommand(ctx: CliContext, options: Record<string, unknown>, args: string[]): Promise<Outcome> {
  const { output } = options as unknown as ProfileOptions;
  checkFormat(output, ['text', 'json']);
  const [a, b] = args as [string, string];
  const changes = diffValues(profileOperator(a).spec, profileOperator(b).spec, 'spec');
  if (output === 'json') ctx.io.stdout.write(formatJson({ identical: changes.length === 0, changes }));
  else if (changes.length > 0) ctx.io.stdout.write(formatDiffText([{ key: `IstioOperator ${a} -> ${b}`, status: 'changed', changes }], { a, b }));
  if (changes.length === 0) {
    ctx.io.stderr.write(`Profiles ${a} and ${b} are identical\n`);
    return;
  }
  ctx.io.stderr.write(`Profiles ${a} and ${b} differ in ${changes.length} fields\n`);
  return ExitCode.Changes;
}
