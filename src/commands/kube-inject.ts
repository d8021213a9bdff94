/** `sailctl kube-inject`: adds Istio sidecars to the workloads of a YAML file, as istiod's injector would. */
import type { CliContext } from '../context.js';
import { ExitCode, InputError, UsageError, type Outcome } from '../errors.js';
import { checkAll, injectAll, withFullYamlIfNeeded } from '../inject/index.js';
import { loadInjectConfig, maxInputBytes, readText, type InjectConfigOptions } from './inject-inputs.js';
import { formatReport } from './inject-report.js';
import { writeOutput } from './write-output.js';

export interface KubeInjectOptions extends InjectConfigOptions {
  filename?: string;
  output?: string;
  inPlace?: boolean;
  check?: boolean;
  report?: string;
}

export function reportFormat(value: string | undefined): 'text' | 'json' {
  if (value === undefined || value === 'text') return 'text';
  if (value === 'json') return 'json';
  throw new UsageError(`invalid --report "${value}": expected text or json`);
}

export async function kubeInjectCommand(ctx: CliContext, opts: KubeInjectOptions): Promise<Outcome> {
  if (!opts.filename) throw new UsageError('missing -f/--filename: the YAML file with workloads to inject (- for standard input)');
  if (opts.inPlace && opts.filename === '-') throw new UsageError('--in-place needs a file, not standard input');
  if (opts.inPlace && opts.output) throw new UsageError('--in-place and -o/--output cannot be used together');
  if (opts.check && (opts.inPlace || opts.output)) throw new UsageError('--check only reports; it cannot be combined with -o or --in-place');
  const format = reportFormat(opts.report);
  const input = await readText(ctx, opts.filename, maxInputBytes(opts.maxInputSize));
  const config = await loadInjectConfig(ctx, opts);

  const run = opts.check ? checkAll : injectAll;
  const result = await withFullYamlIfNeeded((yaml) => run(input.text, config, yaml));
  if (result.problems.length > 0) {
    const [first, ...rest] = result.problems.map((p) => `${input.source}:${p.line}:${p.col}: ${p.message}`);
    throw new InputError(first as string, { details: [...rest, 'Nothing was written.'] });
  }
  if (opts.check) {
    ctx.io.stderr.write(formatReport(input.source, result.reports, format));
    const drift = result.reports.filter((r) => r.outcome.action === 'missing' || r.outcome.action === 'stale');
    if (drift.length > 0) {
      // Drift is the answer, not an error: a plain line (none with --report json, so stderr stays one JSON document).
      if (format === 'text') ctx.io.stderr.write(`${drift.length} of ${result.reports.length} workloads are not injected or carry a stale sidecar\n`);
      return ExitCode.Drift;
    }
    return;
  }
  const target = opts.inPlace ? opts.filename : opts.output;
  await writeOutput(ctx, target, result.text);
  ctx.io.stderr.write(formatReport(input.source, result.reports, format));
}
