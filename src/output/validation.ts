/** Printers for `sailctl validate`: one line per finding (log), or a JSON/YAML report. */
import type { LoadProblem } from '../resources/types.js';
import type { BatchResult } from '../validators/run.js';
import type { OutStream } from './io.js';
import { formatJson } from './json.js';
import { formatYaml } from './yaml.js';

export interface ValidationReport {
  summary: { validated: number; invalid: number; skipped: number; errors: number; warnings: number; inputProblems: number };
  resources: {
    file: string;
    line: number;
    col: number;
    apiVersion: string;
    kind: string;
    namespace: string;
    name: string;
    valid: boolean;
    issues: { path: string; message: string; severity: 'error' | 'warning'; line: number; col: number }[];
  }[];
  problems: LoadProblem[];
}

export function validationReport(batch: BatchResult, problems: readonly LoadProblem[], defaultNamespace: string): ValidationReport {
  const resources = batch.checked.map(({ resource: r, issues }) => ({
    file: r.origin.file,
    line: r.origin.line,
    col: r.origin.col,
    apiVersion: r.apiVersion,
    kind: r.kind,
    namespace: r.namespace ?? defaultNamespace,
    name: r.name,
    valid: !issues.some((i) => i.severity === 'error'),
    issues: issues.map((i) => ({ path: i.pathText, message: i.message, severity: i.severity, line: i.line, col: i.col })),
  }));
  return {
    summary: {
      validated: resources.length,
      invalid: resources.filter((r) => !r.valid).length,
      skipped: batch.skipped.length,
      errors: batch.errors,
      warnings: batch.warnings,
      inputProblems: problems.length,
    },
    resources,
    problems: [...problems],
  };
}

/** `file:line:col  Kind namespace/name  path: message` per finding, input problems first. */
export function formatValidationLog(report: ValidationReport, out: OutStream): string {
  const s = out.style;
  const lines: string[] = [];
  for (const p of report.problems) lines.push(`${p.file}:${p.line}:${p.col}  ${s.red('error')}: ${p.message}`);
  for (const r of report.resources) {
    for (const i of r.issues) {
      const where = `${r.file}:${i.line}:${i.col}`;
      const what = `${r.kind} ${r.namespace}/${r.name}`;
      const tag = i.severity === 'warning' ? ` ${s.yellow('(warning)')}` : '';
      lines.push(`${where}  ${what}  ${i.path === '' ? '' : `${i.path}: `}${i.message}${tag}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The summary line on stderr. */
export function formatValidationSummary(report: ValidationReport, err: OutStream): string {
  const s = err.style;
  const { validated, invalid, skipped, warnings, inputProblems } = report.summary;
  const skippedText = skipped > 0 ? `; skipped ${skipped} resource${skipped === 1 ? '' : 's'} of kinds sailctl does not validate` : '';
  const warnText = warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : '';
  const plural = (n: number) => `${n} resource${n === 1 ? '' : 's'}`;
  if (invalid === 0 && inputProblems === 0) return `${s.green('✔')} validated ${plural(validated)}${warnText}${skippedText}\n`;
  const parts = [];
  if (invalid > 0) parts.push(`${plural(invalid)} of ${validated} invalid`);
  if (inputProblems > 0) parts.push(`${inputProblems} input problem${inputProblems === 1 ? '' : 's'}`);
  return `${s.red('✘')} ${parts.join(', ')}${warnText}${skippedText}\n`;
}

export function formatValidationData(report: ValidationReport, format: 'json' | 'yaml'): string {
  return format === 'json' ? formatJson(report) : formatYaml(report);
}
