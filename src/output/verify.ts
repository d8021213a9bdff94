/** verify-install output: `✔`/`✖` lines grouped by category with hints, totals and a verdict; or JSON. */
import type { CheckResult, VerifyReport } from '../verify/types.js';
import { CATEGORY_TITLES } from '../verify/types.js';
import type { OutStream } from './io.js';
import { formatJson } from './json.js';

/** Writes each result as it arrives, with a category heading when the category changes. */
export function checkPrinter(out: OutStream): { result(r: CheckResult): void } {
  const s = out.style;
  let category: string | undefined;
  return {
    result(r) {
      if (r.category !== category) {
        out.write(`${category === undefined ? '' : '\n'}${s.bold(CATEGORY_TITLES[r.category])}\n${'-'.repeat(CATEGORY_TITLES[r.category].length)}\n`);
        category = r.category;
      }
      const mark = r.status === 'ok' ? s.green('✔') : r.status === 'warning' ? s.yellow('‼') : s.red('✖');
      out.write(`${mark} ${r.description}\n`);
      for (const d of r.details) out.write(`    ${d}\n`);
      if (r.hint) out.write(`    ${s.cyan('hint:')} ${r.hint}\n`);
    },
  };
}

export function formatVerdict(report: VerifyReport, out: OutStream): string {
  const s = out.style;
  const failed = report.results.filter((r) => r.status === 'failed').length;
  const lines = ['', `Checked ${report.totals.crds} CRD${report.totals.crds === 1 ? '' : 's'}`, `Checked ${report.totals.deployments} Istio Deployment${report.totals.deployments === 1 ? '' : 's'}`];
  if (report.skipped.length > 0) lines.push(`Skipped ${report.skipped.length} check${report.skipped.length === 1 ? '' : 's'} after a fatal failure: ${report.skipped.join(', ')}`);
  lines.push(
    report.healthy
      ? s.green('✔ Istio is installed and verified successfully')
      : s.red(`✖ Istio installation is not healthy: ${failed} check${failed === 1 ? '' : 's'} failed`),
  );
  return `${lines.join('\n')}\n`;
}

export function formatVerifyJson(report: VerifyReport): string {
  return formatJson({ healthy: report.healthy, totals: report.totals, checks: report.results, skipped: report.skipped });
}
