/**
 * install / uninstall reporting on stderr: the confirmation question, per-phase progress lines from the
 * install observer, and the closing summary. What was removed by uninstall goes to stdout (data), under its header.
 */
import type { InstallObserver, InstallResult } from '../install/run.js';
import type { IO, OutStream } from './io.js';
import type { Progress, Step } from './progress.js';

function counts(c: { created: number; updated: number; unchanged: number }): string {
  const parts = [c.created && `${c.created} created`, c.updated && `${c.updated} updated`, c.unchanged && `${c.unchanged} unchanged`].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'nothing to do';
}

/** Maps install events to progress steps: one step per phase. */
export function installObserver(progress: Progress, options: { dryRun: boolean }): InstallObserver {
  let step: Step | undefined;
  let current = '';
  return {
    phaseStart(phase) {
      current = phase.name;
      step = progress.start(`${phase.name}: applying ${phase.objects.length} object${phase.objects.length === 1 ? '' : 's'}${options.dryRun ? ' (dry run)' : ''}`);
    },
    phaseUpdate(_phase, text) {
      step?.update(`${current}: ${text}`);
    },
    phaseDone(phase, c) {
      step?.succeed(`${phase.name} ${options.dryRun ? 'validated by the server (dry run)' : 'installed'}: ${counts(c)}`);
      step = undefined;
    },
    phaseFailed(phase, message) {
      step?.fail(`${phase.name}: ${message}`);
      step = undefined;
    },
    pruneStart(count) {
      progress.info(`Pruning ${count} object${count === 1 ? '' : 's'} this install no longer contains${options.dryRun ? ' (dry run)' : ''}`);
    },
    rollbackStart() {
      progress.warn('Rolling back the changes of this run');
    },
  };
}

export function writeInstallSummary(err: OutStream, result: InstallResult): void {
  const s = err.style;
  if (result.outcome === 'unchanged') {
    err.write(`${s.green('✔')} Istio is already installed as rendered: nothing to change\n`);
    return;
  }
  const what = `${result.created.length} created, ${result.updated.length} updated, ${result.unchanged} unchanged, ${result.pruned.length} pruned`;
  if (result.outcome === 'installed') {
    err.write(result.dryRun ? `${s.green('✔')} Dry run complete (nothing was changed): ${what}\n` : `${s.green('✔')} Installation complete: ${what}\n`);
    for (const p of result.pruned) err.write(`  pruned ${p}\n`);
  }
}

/** Lines for the error details of a failed or interrupted install: why, what was applied, what rollback did. */
export function installFailureDetails(result: InstallResult): string[] {
  const lines: string[] = [];
  for (const p of result.failure?.pending ?? []) {
    lines.push(`${p.ref.kind} ${p.ref.namespace ? `${p.ref.namespace}/` : ''}${p.ref.name}: ${p.summary}`);
    for (const r of p.reasons) lines.push(`  ${r}`);
  }
  const applied = [...result.created.map((n) => `created ${n}`), ...result.updated.map((n) => `updated ${n}`)];
  if (result.rollback) {
    const rb = result.rollback;
    lines.push(`Rolled back: ${rb.removed.length} removed, ${rb.restored.length} restored to their previous state${rb.failed.length ? `, ${rb.failed.length} could not be undone` : ''}`);
    for (const n of rb.removed) lines.push(`  removed ${n}`);
    for (const n of rb.restored) lines.push(`  restored ${n}`);
    for (const n of rb.failed) lines.push(`  NOT undone: ${n}`);
  } else if (applied.length > 0) {
    lines.push(`Not rolled back (--no-rollback): ${applied.length} change${applied.length === 1 ? '' : 's'} left in place`);
    for (const a of applied) lines.push(`  ${a}`);
  }
  return lines;
}

/** uninstall's header, on stdout like the list it heads, so it comes first however the two streams are captured. */
export function writeRemovalHeader(io: IO, header: string): void {
  io.stdout.write(`${header}\n`);
}

export function writeRemovalList(io: IO, names: readonly string[], dryRun: boolean): void {
  for (const n of names) io.stdout.write(`${dryRun ? 'would remove' : 'removed'} ${n}\n`);
}
