/**
 * `sailctl install` (alias `upgrade`): render the install, confirm, apply it phase by phase with server-side
 * apply, wait for readiness, prune, and roll back on failure or Ctrl-C. `--plan` only shows what would change;
 * `--dry-run` sends every write with dryRun=All.
 */
import type { CliContext } from '../context.js';
import { ClusterError, ExitCode, InputError, InterruptedError, UsageError, type Outcome } from '../errors.js';
import { KubeApiError } from '../kube/errors.js';
import { runInstall } from '../install/run.js';
import type { InstallFlags } from '../manifest/inputs.js';
import { computePlan, hasChanges } from '../plan/plan.js';
import { installFailureDetails, installObserver, writeInstallSummary } from '../output/install.js';
import { formatPlanJson, formatPlanText, planSummary } from '../output/plan.js';
import { createProgress, type ProgressMode } from '../output/progress.js';
import { confirm } from '../output/prompt.js';
import { durationFlag, kubeOutlivingInterrupt, renderInstall } from './install-inputs.js';

export interface InstallOptions extends InstallFlags {
  skipConfirmation?: boolean;
  dryRun?: boolean;
  readinessTimeout: string;
  rollback: boolean;
  progress: string;
  plan?: boolean;
  output?: string;
}

const PROGRESS: ProgressMode[] = ['auto', 'plain', 'json'];

export async function installCommand(ctx: CliContext, options: Record<string, unknown>): Promise<Outcome> {
  const opts = options as unknown as InstallOptions;
  if (!PROGRESS.includes(opts.progress as ProgressMode)) throw new UsageError(`unknown --progress "${opts.progress}": use auto, plain or json`);
  if (opts.output !== undefined && !['text', 'json'].includes(opts.output)) throw new UsageError(`unknown output format "${opts.output}": use text or json`);
  if (opts.plan && opts.dryRun) throw new UsageError('--plan and --dry-run cannot be used together: --plan already changes nothing');
  const readinessTimeoutMs = durationFlag('--readiness-timeout', opts.readinessTimeout);
  const set = await renderInstall(ctx, opts);
  const kube = await kubeOutlivingInterrupt(ctx);

  if (opts.plan) return showPlan(ctx, await computePlan(kube, set, { signal: ctx.signal }), opts.output);

  const rev = set.install.revision || 'default';
  const question = `Install Istio ${set.install.tag} (profile ${set.install.profile}, revision ${rev}) into the cluster of context "${kube.contextName}" (${kube.server})?`;
  if (!opts.skipConfirmation && !opts.dryRun && !(await confirm(ctx.io, question))) {
    ctx.io.stderr.write('Cancelled: nothing was changed.\n');
    return;
  }
  const progress = await createProgress(ctx.io, opts.progress as ProgressMode);
  const done = ctx.working(`installing Istio revision ${rev}`);
  const result = await runInstall(
    kube,
    set,
    { dryRun: opts.dryRun === true, rollback: opts.rollback !== false, readinessTimeoutMs, signal: ctx.signal },
    installObserver(progress, { dryRun: opts.dryRun === true }),
  );
  done();
  if (result.outcome === 'installed' || result.outcome === 'unchanged') return writeInstallSummary(ctx.io.stderr, result);

  const details = installFailureDetails(result);
  if (result.outcome === 'interrupted') throw new InterruptedError('install interrupted', { details });
  const cause = result.failure?.cause;
  const message = `install failed at ${result.failure?.phase}: ${result.failure?.message}`;
  if (cause instanceof KubeApiError && cause.exitCode === 65) throw new InputError(message, { cause, details: [...cause.details, ...details] });
  throw new ClusterError(message, { cause, details });
}

/** Prints the plan; changes are a result (exit 2), not an error. The text plan ends with its summary line already. */
export function showPlan(ctx: CliContext, plan: Awaited<ReturnType<typeof computePlan>>, output = 'text'): Outcome {
  ctx.io.stdout.write(output === 'json' ? formatPlanJson(plan) : formatPlanText(plan, ctx.io.stdout));
  if (!hasChanges(plan)) {
    ctx.io.stderr.write('No changes: the cluster matches the install.\n');
    return;
  }
  if (output === 'json') ctx.io.stderr.write(`${planSummary(plan)}\n`);
  return ExitCode.Changes;
}
