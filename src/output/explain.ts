/** Text layout of `sailctl explain`: heading, meaning, fix, examples, doc link. */
import type { OutStream } from './io.js';

export interface ExplanationView {
  code: string;
  name: string;
  level: string;
  description: string;
  fix: string;
  documentationUrl: string;
  failingExample?: string;
  passingExample?: string;
  /** The command line the examples behave as shown with. */
  exampleAnalyzedWith?: string;
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

export function formatExplanation(e: ExplanationView, stream: Pick<OutStream, 'style'>): string {
  const s = stream.style;
  const parts = [`${s.bold(`${e.code} ${e.name}`)} (${e.level})`, '', e.description, '', `${s.bold('Fix:')} ${e.fix}`];
  if (e.failingExample) parts.push('', s.bold(`Fails${e.exampleAnalyzedWith ? ` (${e.exampleAnalyzedWith})` : ''}:`), indent(e.failingExample));
  if (e.passingExample) parts.push('', s.bold('Passes:'), indent(e.passingExample));
  parts.push('', `More: ${e.documentationUrl}`);
  return `${parts.join('\n')}\n`;
}
