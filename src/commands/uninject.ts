/** `sailctl x uninject`: removes injected Istio sidecars from the workloads of a YAML file (kube-inject's inverse). */
import type { CliContext } from '../context.js';
import { InputError, UsageError } from '../errors.js';
import { uninjectAll, withFullYamlIfNeeded } from '../inject/index.js';
import { loadInjectConfig, maxInputBytes, readText, type InjectConfigOptions } from './inject-inputs.js';
import { formatReport } from './inject-report.js';
import { writeOutput } from './write-output.js';
import { reportFormat } from './kube-inject.js';

export interface UninjectOptions extends InjectConfigOptions {
  filename?: string;
  output?: string;
  inPlace?: boolean;
  report?: string;
}

export async function uninjectCommand(ctx: CliContext, opts: UninjectOptions): Promise<void> {
  if (!opts.filename) throw new UsageError('missing -f/--filename: the YAML file with injected workloads (- for standard input)');
  if (opts.inPlace && opts.filename === '-') throw new UsageError('--in-place needs a file, not standard input');
  if (opts.inPlace && opts.output) throw new UsageError('--in-place and -o/--output cannot be used together');
  const format = reportFormat(opts.report);
  const input = await readText(ctx, opts.filename, maxInputBytes(opts.maxInputSize));
  const config = await loadInjectConfig(ctx, opts);
  const result = await withFullYamlIfNeeded((yaml) => uninjectAll(input.text, config, yaml));
  if (result.problems.length > 0) {
    const [first, ...rest] = result.problems.map((p) => `${input.source}:${p.line}:${p.col}: ${p.message}`);
    throw new InputError(first as string, { details: [...rest, 'Nothing was written.'] });
  }
  const target = opts.inPlace ? opts.filename : opts.output;
  await writeOutput(ctx, target, result.text);
  ctx.io.stderr.write(formatReport(input.source, result.reports, format));
}
