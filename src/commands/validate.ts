/**
 * `sailctl validate -f FILE|DIR|- ...`: Istio resources against Istio's API (schema, CEL intent, istiod's
 * semantic checks) and the built-in kinds that affect the mesh. Exit 65 when a resource is invalid or an
 * input could not be read; everything readable is still validated and reported.
 */
import type { CliContext } from '../context.js';
import { InputError, UsageError } from '../errors.js';
import { loadResources } from '../resources/index.js';
import { formatValidationData, formatValidationLog, formatValidationSummary, validationReport } from '../output/validation.js';
import { validateResources } from '../validators/run.js';
import { readOptions } from './read-options.js';

const FORMATS = ['log', 'json', 'yaml'] as const;
type Format = (typeof FORMATS)[number];

export interface ValidateCommandOptions {
  filename: string[];
  referential: boolean;
  output: Format;
  recursive: boolean;
}

export function parseValidateOptions(raw: Record<string, unknown>, args: readonly string[]): ValidateCommandOptions {
  const output = String(raw.output ?? 'log');
  if (!(FORMATS as readonly string[]).includes(output)) throw new UsageError(`unknown output format "${output}": use ${FORMATS.join(', ')}`);
  const filename = [...((raw.filename as string[] | undefined) ?? []), ...args];
  if (filename.length === 0) throw new UsageError('nothing to validate: give -f FILE, -f DIR or -f - (standard input)');
  return { filename, referential: raw.referential !== false, output: output as Format, recursive: raw.recursive === true };
}

export async function validateCommand(ctx: CliContext, raw: Record<string, unknown>, args: string[]): Promise<void> {
  const opts = parseValidateOptions(raw, args);
  const loaded = await loadResources(opts.filename, { ...readOptions(ctx, opts.recursive), requireName: true });
  const batch = await validateResources(loaded.resources, { referential: opts.referential });
  const report = validationReport(batch, loaded.problems, ctx.flags.namespace ?? 'default');
  ctx.io.stdout.write(opts.output === 'log' ? formatValidationLog(report, ctx.io.stdout) : formatValidationData(report, opts.output));
  if (opts.output === 'log') ctx.io.stderr.write(formatValidationSummary(report, ctx.io.stderr));
  const { invalid, inputProblems } = report.summary;
  if (invalid > 0 || inputProblems > 0) {
    throw new InputError(
      [invalid > 0 ? `${invalid} invalid resource${invalid === 1 ? '' : 's'}` : '', inputProblems > 0 ? `${inputProblems} input problem${inputProblems === 1 ? '' : 's'} (unreadable files or malformed YAML)` : '']
        .filter(Boolean)
        .join(' and '),
    );
  }
}
