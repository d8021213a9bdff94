/**
 * GitHub Actions workflow commands: one `::error file=…,line=…,col=…,title=…::text` line per diagnostic, so
 * findings show up as annotations on the pull request. Warning -> `::warning`, Info -> `::notice`.
 */
import type { Diagnostic } from '../analyze/types.js';

const COMMAND = { Error: 'error', Warning: 'warning', Info: 'notice' } as const;

/** Escaping as the Actions runner expects it in the message part. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping for `key=value` properties (also `:` and `,`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const props: string[] = [];
      if (d.file !== undefined && d.file !== '-') {
        props.push(`file=${escapeProperty(d.file)}`, `line=${d.line ?? 1}`, `col=${d.column ?? 1}`);
      }
      props.push(`title=${escapeProperty(`${d.code} ${d.origin}`)}`);
      const related = d.related.map((r) => ` (related: ${r.origin}${r.file ? ` ${r.file}:${r.line}:${r.column}` : ''}: ${r.message})`).join('');
      return `::${COMMAND[d.level]} ${props.join(',')}::${escapeData(`${d.message}${related} ${d.documentationUrl}`)}\n`;
    })
    .join('');
}

/** Input problems (unparseable documents) as error annotations, so a pull request shows them in place. */
export function formatGithubProblems(problems: ReadonlyArray<{ file: string; line: number; col: number; message: string }>): string {
  return problems
    .filter((p) => p.file !== '-')
    .map((p) => `::error file=${escapeProperty(p.file)},line=${p.line},col=${p.col},title=${escapeProperty('sailctl: unreadable input')}::${escapeData(p.message)}\n`)
    .join('');
}
