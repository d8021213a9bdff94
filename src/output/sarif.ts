/**
 * SARIF 2.1.0 for code-scanning tools: one run, a rule per message code (with its doc URL as helpUri), results
 * with a region (line/column), the origin as a logical location, and related locations.
 */
import type { MessageType } from '../analyze/messages/index.js';
import type { Diagnostic } from '../analyze/types.js';
import { formatJson } from './json.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL = { Error: 'error', Warning: 'warning', Info: 'note' } as const;

export interface SarifTool {
  name: string;
  version: string;
  informationUri: string;
  /** Every message type a rule is written for (the catalogue). */
  rules: readonly MessageType[];
  documentationUrl(code: string): string;
}

function physical(file: string, line: number | undefined, column: number | undefined) {
  return {
    artifactLocation: { uri: file === '-' ? 'stdin' : encodeURI(file.replace(/\\/g, '/')) },
    region: { startLine: line ?? 1, startColumn: column ?? 1 },
  };
}

export function toSarif(diagnostics: readonly Diagnostic[], tool: SarifTool): Record<string, unknown> {
  const rules = [...tool.rules].sort((a, b) => a.code.localeCompare(b.code));
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const results = diagnostics.map((d) => {
    const result: Record<string, unknown> = {
      ruleId: d.code,
      level: LEVEL[d.level],
      message: { text: d.message },
      locations: [
        {
          ...(d.file !== undefined ? { physicalLocation: physical(d.file, d.line, d.column) } : {}),
          logicalLocations: [{ name: d.origin, kind: 'resource' }],
        },
      ],
    };
    const i = index.get(d.code);
    if (i !== undefined) result.ruleIndex = i;
    const related = d.related.filter((r) => r.file !== undefined);
    if (related.length > 0) {
      result.relatedLocations = related.map((r, id) => ({
        id,
        physicalLocation: physical(r.file as string, r.line, r.column),
        message: { text: `${r.origin}: ${r.message}` },
      }));
    }
    return result;
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            informationUri: tool.informationUri,
            rules: rules.map((r) => ({
              id: r.code,
              name: r.name,
              shortDescription: { text: r.description },
              helpUri: tool.documentationUrl(r.code),
              defaultConfiguration: { level: LEVEL[r.level] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(diagnostics: readonly Diagnostic[], tool: SarifTool): string {
  return formatJson(toSarif(diagnostics, tool));
}
