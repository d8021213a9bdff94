/** `sailctl plan`: what `install` would create, change (field by field) and prune; exit 2 when anything would. */
import type { CliContext } from '../context.js';
import { UsageError, type Outcome } from '../errors.js';
import type { InstallFlags } from '../manifest/inputs.js';
import { computePlan } from '../plan/plan.js';
import { showPlan } from './install.js';
import { kubeFor, renderInstall } from './install-inputs.js';

export interface PlanOptions extends InstallFlags {
  output: string;
}

export async function planCommand(ctx: CliContext, options: Record<string, unknown>): Promise<Outcome> {
  const opts = options as unknown as PlanOptions;
  if (!['text', 'json'].includes(opts.output)) throw new UsageError(`unknown output format "${opts.output}": use text or json`);
  const set = await renderInstall(ctx, opts);
  const kube = await kubeFor(ctx);
  const done = ctx.working('comparing the install with the cluster');
  const plan = await computePlan(kube, set, { signal: ctx.signal });
  done();
  return showPlan(ctx, plan, opts.output);
}
