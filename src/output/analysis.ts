/**
 * Printers for analysis diagnostics: `log` (istioctl's line format, coloured on a TTY, related locations under
 * each line), and the JSON/YAML records (istioctl's fields plus file/line/column/related). Printers only.
 */
import type { Diagnostic } from '../analyze/types.js';
import type { OutStream } from './io.js';
import { formatJson } from './json.js';
import { formatYaml } from './yaml.js';

function where(file: string | undefined, line: number | undefined, column: number | undefined): string {
  return file === undefined ? '' : `${file}:${line ?? 1}:${column ?? 1}`;
}

/** `Error [IST0101] (VirtualService default/reviews vs.yaml:12:7) text`, then `  ↳ related` lines. */
export function formatLog(diagnostics: readonly Diagnostic[], stream: Pick<OutStream, 'style'>): string {
  const s = stream.style;
  const colour = { Error: s.red, Warning: s.yellow, Info: s.cyan } as const;
  let out = '';
  for (const d of diagnostics) {
    const at = where(d.file, d.line, d.column);
    out += `${colour[d.level](d.level)} [${s.bold(d.code)}] (${d.origin}${at ? ` ${at}` : ''}) ${d.message}\n`;
    for (const r of d.related) {
      const rat = where(r.file, r.line, r.column);
      out += `    ${s.dim('related:')} ${r.origin}${rat ? ` ${rat}` : ''}: ${r.message}\n`;
    }
  }
  return out;
}

/** The record printed by `-o json|yaml`. */
export interface DiagnosticRecord {
  code: string;
  level: string;
  origin: string;
  reference: string;
  message: string;
  documentationUrl: string;
  file?: string;
  line?: number;
  column?: number;
  related: Diagnostic['related'];
}

export function toRecord(d: Diagnostic): DiagnosticRecord {
  return {
    code: d.code,
    level: d.level,
    origin: d.origin,
    reference: d.reference,
    message: d.message,
    documentationUrl: d.documentationUrl,
    ...(d.file !== undefined ? { file: d.file, line: d.line, column: d.column } : {}),
    related: d.related,
  };
}

export function formatDiagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  return formatJson(diagnostics.map(toRecord));
}

export function formatDiagnosticsYaml(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.length === 0 ? '[]\n' : formatYaml(diagnostics.map(toRecord));
}

/** Input problems (unparseable documents, unreadable files) on stderr: `file:line:col: message`. */
export function formatProblems(problems: ReadonlyArray<{ file: string; line: number; col: number; message: string }>, stream: Pick<OutStream, 'style'>): string {
  return problems.map((p) => `${stream.style.red('Error')} ${p.file}:${p.line}:${p.col}: ${p.message}\n`).join('');
}

/** `-L`: the analyzers, one per line, name and description. */
export function formatAnalyzerList(analyzers: ReadonlyArray<{ meta: { name: string; description: string } }>): string {
  const width = Math.max(0, ...analyzers.map((a) => a.meta.name.length));
  return `Available analyzers:\n${analyzers.map((a) => `  ${a.meta.name.padEnd(width)}   ${a.meta.description}\n`).join('')}`;
}
