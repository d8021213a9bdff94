/**
 * `sailctl uninstall`: remove one revision (`--revision`), the objects of an install (`-f`/`--set`/`--profile`),
 * or everything (`--purge`, CRDs too). Lists what it removes on stdout, under a header printed before anything is
 * removed; asks first unless `-y`; `--dry-run` removes nothing. Refuses to guess: one of --revision, -f or --purge is required.
 */
import type { CliContext } from '../context.js';
import { ClusterError, InterruptedError, UsageError } from '../errors.js';
import { removeObjects, uninstallTargets, type UninstallSelection } from '../install/uninstall.js';
import { nameOf } from '../install/refs.js';
import type { InstallFlags } from '../manifest/inputs.js';
import { writeRemovalHeader, writeRemovalList } from '../output/install.js';
import { confirm } from '../output/prompt.js';
import { kubeOutlivingInterrupt, renderInstall } from './install-inputs.js';

export interface UninstallOptions extends InstallFlags {
  purge?: boolean;
  dryRun?: boolean;
  skipConfirmation?: boolean;
}

export async function uninstallCommand(ctx: CliContext, options: Record<string, unknown>): Promise<void> {
  const opts = options as UninstallOptions;
  const files = (opts.filename?.length ?? 0) > 0;
  const chosen = [opts.purge === true, opts.revision !== undefined && !files, files].filter(Boolean).length;
  if (chosen === 0) throw new UsageError('say what to uninstall: --revision REV, -f FILE (the install\'s IstioOperator) or --purge (everything, CRDs too)');
  if (opts.purge && (files || opts.revision !== undefined)) throw new UsageError('--purge removes every revision: it cannot be combined with --revision or -f');
  const selection: UninstallSelection = opts.purge
    ? { purge: true }
    : files
      ? { rendered: await renderInstall(ctx, opts) }
      : { revision: opts.revision === 'default' ? '' : (opts.revision as string) };
  // Deletes already sent finish after Ctrl-C (no new one starts), so the report below is exactly what was removed.
  const kube = await kubeOutlivingInterrupt(ctx);
  const done = ctx.working('uninstalling Istio');
  const targets = await uninstallTargets(kube, selection, ctx.signal);
  const what = opts.purge ? 'every Istio install' : files ? 'the install of the given files' : `revision ${opts.revision}`;
  if (targets.length === 0) {
    done();
    ctx.io.stderr.write(`Nothing to remove: no objects of ${what} found.\n`);
    return;
  }
  const objects = `${targets.length} objects of ${what}`;
  const where = `context "${kube.contextName}"`;
  if (!opts.dryRun && !opts.skipConfirmation) {
    ctx.io.stderr.write(`Found ${objects} in ${where}:\n`);
    for (const t of targets) ctx.io.stderr.write(`  ${nameOf(t)}\n`);
    if (!(await confirm(ctx.io, `Remove these ${targets.length} objects?`))) {
      done();
      ctx.io.stderr.write('Cancelled: nothing was removed.\n');
      return;
    }
  }
  // The header heads the list on the same stream, and goes out before anything is removed.
  writeRemovalHeader(ctx.io, `${opts.dryRun ? 'Would remove' : 'Removing'} ${objects} from ${where}:`);
  const result = await removeObjects(kube, targets, { dryRun: opts.dryRun === true, signal: ctx.signal });
  done();
  writeRemovalList(ctx.io, result.removed, opts.dryRun === true);
  if (ctx.signal.aborted) {
    const removed = new Set(result.removed);
    const left = targets.map(nameOf).filter((n) => !removed.has(n));
    throw new InterruptedError('uninstall interrupted', { details: [`Removed ${result.removed.length} of ${targets.length} objects (listed on stdout); not removed: ${left.length}`, ...left.map((n) => `  ${n}`)] });
  }
  if (result.failed.length > 0) throw new ClusterError(`${result.failed.length} objects could not be removed`, { details: result.failed });
  ctx.io.stderr.write(
    opts.dryRun
      ? `Dry run: ${result.removed.length} objects would be removed; nothing was changed.\n`
      : `✔ Removed ${result.removed.length} objects.${opts.purge ? ' The namespace is kept: delete it with kubectl delete namespace if you no longer need it.' : ''}\n`,
  );
}
