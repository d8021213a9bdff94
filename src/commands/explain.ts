/** `sailctl explain CODE`: offline; what the code means, the fix, a failing and a passing example. */
import { explain } from '../analyze/explain/index.js';
import { documentationUrl } from '../analyze/messages/index.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { formatExplanation } from '../output/explain.js';
import { formatJson } from '../output/json.js';
import { formatYaml } from '../output/yaml.js';

const FORMATS = ['text', 'json', 'yaml'];

export async function explainCommand(ctx: CliContext, options: Record<string, unknown>, args: string[]): Promise<void> {
  const output = String(options.output ?? 'text');
  if (!FORMATS.includes(output)) throw new UsageError(`unknown output format "${output}": use ${FORMATS.join(', ')}`);
  const code = args[0] ?? '';
  const found = explain(code);
  if (!found) throw new UsageError(`unknown message code "${code}"`, { details: ['Codes look like IST0101; run `sailctl analyze -o json` to see the codes of your findings.'] });
  const doc = {
    code: found.type.code,
    name: found.type.name,
    level: found.type.level,
    description: found.type.description,
    fix: found.fix,
    documentationUrl: documentationUrl(found.type.code),
    ...(found.example ? { failingExample: found.example.failing, passingExample: found.example.passing, exampleAnalyzedWith: found.example.snapshot ? 'sailctl analyze --use-kube=false --snapshot' : 'sailctl analyze --use-kube=false' } : {}),
  };
  ctx.io.stdout.write(output === 'json' ? formatJson(doc) : output === 'yaml' ? formatYaml(doc) : formatExplanation(doc, ctx.io.stdout));
}
