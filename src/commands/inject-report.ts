/** The per-workload report of kube-inject / x uninject, for stderr: one line per workload, or JSON. */
import type { WorkloadReport } from '../inject/types.js';
import { formatJson } from '../output/json.js';

function label(r: WorkloadReport): string {
  return `${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

export function formatReport(file: string, reports: readonly WorkloadReport[], format: 'text' | 'json'): string {
  if (format === 'json') {
    return formatJson(
      reports.map((r) => ({
        file,
        line: r.line,
        column: r.col,
        kind: r.kind,
        ...(r.namespace ? { namespace: r.namespace } : {}),
        name: r.name,
        result: r.outcome.action,
        ...('reason' in r.outcome ? { reason: r.outcome.reason } : {}),
      })),
    );
  }
  return reports
    .map((r) => `${label(r)}: ${r.outcome.action}${'reason' in r.outcome ? `: ${r.outcome.reason}` : ''} (${file}:${r.line}:${r.col})\n`)
    .join('');
}
