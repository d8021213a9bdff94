/**
 * Runs checks in order and reports each result to an observer as it comes. A failing fatal check ends the
 * run (the rest are listed as skipped). Never prints.
 */
import type { Check, CheckResult, Totals, VerifyEnv, VerifyReport } from './types.js';

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function runChecks(checks: readonly Check[], env: VerifyEnv, observer: { result?(r: CheckResult): void } = {}): Promise<VerifyReport> {
  const results: CheckResult[] = [];
  const totals: Totals = { crds: 0, deployments: 0 };
  const skipped: string[] = [];
  let stopped = false;
  for (const check of checks) {
    if (stopped || env.signal?.aborted) {
      skipped.push(check.id);
      continue;
    }
    let result: CheckResult;
    try {
      const outcome = await check.run(env);
      totals.crds += outcome.counts?.crds ?? 0;
      totals.deployments += outcome.counts?.deployments ?? 0;
      result = {
        id: check.id,
        category: check.category,
        description: outcome.description ?? check.description,
        status: !outcome.ok ? 'failed' : outcome.warning ? 'warning' : 'ok',
        details: outcome.details ?? [],
        ...(outcome.ok ? {} : { hint: check.hint }),
      };
    } catch (err) {
      result = { id: check.id, category: check.category, description: check.description, status: 'failed', details: [errorText(err)], hint: check.hint };
    }
    results.push(result);
    observer.result?.(result);
    if (result.status === 'failed' && check.fatal) stopped = true;
  }
  return { healthy: results.every((r) => r.status !== 'failed') && skipped.length === 0, results, totals, skipped };
}

/**
 * `--wait`: runs the checks until healthy or `deadline` (ms since epoch) passes, pausing between rounds.
 * Only the last round is reported to `observer`; `onRetry` hears about the failing ones in between.
 */
export async function runChecksUntil(
  checks: readonly Check[],
  makeEnv: () => VerifyEnv,
  options: { deadline: number; intervalMs?: number; signal?: AbortSignal; onRetry?(report: VerifyReport): void },
  observer: { result?(r: CheckResult): void } = {},
): Promise<VerifyReport> {
  for (;;) {
    const report = await runChecks(checks, makeEnv());
    const timeLeft = options.deadline - Date.now();
    if (report.healthy || timeLeft <= 0 || options.signal?.aborted) {
      for (const r of report.results) observer.result?.(r);
      return report;
    }
    options.onRetry?.(report);
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, Math.min(options.intervalMs ?? 1000, timeLeft));
      options.signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
  }
}
