/**
 * `sailctl verify-install`: checks that an install is present and healthy. With install flags (--profile, -f,
 * --set) it checks what that install should have created; without, it discovers the installed revisions
 * (or only `-r REV`) and checks what carries their labels.
 * `--wait` retries until healthy or the deadline. Exit 80 when unhealthy, 69 when the cluster cannot be reached.
 */
import type { CliContext } from '../context.js';
import { ClusterError, UsageError, VerifyFailedError } from '../errors.js';
import type { InstallFlags } from '../manifest/inputs.js';
import { checkPrinter, formatVerdict, formatVerifyJson } from '../output/verify.js';
import { CHECKS } from '../verify/checks.js';
import { runChecks, runChecksUntil } from '../verify/run.js';
import { discoverTarget, targetFromRender } from '../verify/target.js';
import type { VerifyEnv, VerifyReport, VerifyTarget } from '../verify/types.js';
import { durationFlag, installFlagsGiven, kubeFor, renderInstall } from './install-inputs.js';

export interface VerifyInstallOptions extends InstallFlags {
  output: string;
  wait?: string;
}

export async function verifyInstallCommand(ctx: CliContext, options: Record<string, unknown>): Promise<void> {
  const opts = options as unknown as VerifyInstallOptions;
  if (!['text', 'json'].includes(opts.output)) throw new UsageError(`unknown output format "${opts.output}": use text or json`);
  const waitMs = opts.wait !== undefined ? durationFlag('--wait', opts.wait) : 0;
  const rendered = installFlagsGiven(opts) ? targetFromRender([await renderInstall(ctx, opts)]) : undefined;
  const kube = await kubeFor(ctx);
  const makeEnv = (): VerifyEnv => {
    let target: Promise<VerifyTarget> | undefined;
    return { kube, signal: ctx.signal, istioNamespace: ctx.flags.istioNamespace, target: () => (target ??= rendered ? Promise.resolve(rendered) : discoverTarget(kube, { revision: opts.revision, signal: ctx.signal })) };
  };
  const json = opts.output === 'json';
  const printer = json ? {} : checkPrinter(ctx.io.stdout);
  const done = ctx.working('verifying the Istio install');
  let report: VerifyReport;
  if (waitMs > 0) {
    report = await runChecksUntil(
      CHECKS,
      makeEnv,
      {
        deadline: Date.now() + waitMs,
        signal: ctx.signal,
        onRetry: (r) => ctx.io.stderr.write(`Not healthy yet (${r.results.filter((x) => x.status === 'failed').map((x) => x.id).join(', ')}); checking again...\n`),
      },
      printer,
    );
  } else report = await runChecks(CHECKS, makeEnv(), printer);
  done();
  ctx.io.stdout.write(json ? formatVerifyJson(report) : formatVerdict(report, ctx.io.stdout));
  if (report.healthy) return;
  const unreachable = report.results.find((r) => r.id === 'k8s-api-reachable' && r.status === 'failed');
  if (unreachable) throw new ClusterError(`cannot verify the install: ${unreachable.details[0] ?? 'the Kubernetes API server cannot be reached'}`);
  const failed = report.results.filter((r) => r.status === 'failed').length;
  throw new VerifyFailedError(`verify-install: ${failed} check${failed === 1 ? '' : 's'} failed`);
}
