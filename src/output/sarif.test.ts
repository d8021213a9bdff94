/**
 * SARIF output checked against the structural requirements of the official SARIF 2.1.0 schema (the subset
 * sailctl emits, embedded here: no network in tests), plus the GitHub annotation escaping.
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { documentationUrl, MESSAGE_TYPES } from '../analyze/messages/index.js';
import type { Diagnostic } from '../analyze/types.js';
import { escapeData, escapeProperty, formatGithub } from './github.js';
import { SARIF_SCHEMA, toSarif } from './sarif.js';

const message = { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 } } };
const physicalLocation = {
  type: 'object',
  required: ['artifactLocation', 'region'],
  properties: {
    artifactLocation: { type: 'object', required: ['uri'], properties: { uri: { type: 'string', format: 'uri-reference', minLength: 1 } } },
    region: {
      type: 'object',
      required: ['startLine'],
      properties: { startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 } },
    },
  },
};
/** From sarif-schema-2.1.0.json: the parts that constrain what sailctl writes. */
const SARIF_SUBSET = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { enum: ['2.1.0'] },
    runs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['tool'],
        properties: {
          columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] },
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string' },
                  version: { type: 'string' },
                  informationUri: { type: 'string', format: 'uri' },
                  rules: {
                    type: 'array',
                    uniqueItems: true,
                    items: {
                      type: 'object',
                      required: ['id', 'helpUri', 'shortDescription'],
                      properties: {
                        id: { type: 'string' },
                        name: { type: 'string' },
                        helpUri: { type: 'string', format: 'uri' },
                        shortDescription: message,
                        defaultConfiguration: { type: 'object', properties: { level: { enum: ['none', 'note', 'warning', 'error'] } } },
                      },
                    },
                  },
                },
              },
            },
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['message', 'ruleId', 'level', 'locations'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: 0 },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                message,
                locations: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      physicalLocation,
                      logicalLocations: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, kind: { type: 'string' } } } },
                    },
                  },
                },
                relatedLocations: {
                  type: 'array',
                  items: { type: 'object', required: ['id', 'physicalLocation', 'message'], properties: { id: { type: 'integer', minimum: 0 }, physicalLocation, message } },
                },
              },
            },
          },
        },
      },
    },
  },
};

function diagnostic(over: Partial<Diagnostic> = {}): Diagnostic {
  return {
    code: 'IST0101',
    level: 'Error',
    origin: 'VirtualService default/reviews',
    reference: 'dir with space/vs.yaml:12',
    message: 'The gateway "x" it refers to does not exist',
    documentationUrl: documentationUrl('IST0101'),
    file: 'dir with space/vs.yaml',
    line: 12,
    column: 7,
    related: [{ file: 'gw.yaml', line: 3, column: 1, origin: 'Gateway default/x', message: 'referenced from here' }],
    analyzer: 'virtualservice.GatewayAnalyzer',
    resource: { kind: 'VirtualService', namespace: 'default', name: 'reviews' },
    ...over,
  };
}

const tool = { name: 'sailctl', version: '0.1.0', informationUri: 'https://istio.io/latest/docs/reference/config/analysis/', rules: MESSAGE_TYPES, documentationUrl };

describe('SARIF', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(s));
  ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s));
  const validate = ajv.compile(SARIF_SUBSET);

  it('validates against the SARIF 2.1.0 structure, with and without findings', () => {
    for (const ds of [[], [diagnostic(), diagnostic({ code: 'IST0132', level: 'Warning', file: undefined, line: undefined, column: undefined, related: [] })]]) {
      const doc = JSON.parse(JSON.stringify(toSarif(ds, tool))) as unknown;
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('has a rule per code with its documentation URL, and results point at their rule and region', () => {
    const doc = toSarif([diagnostic()], tool) as { $schema: string; runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string }> } }; results: Array<Record<string, any>> }> };
    expect(doc.$schema).toBe(SARIF_SCHEMA);
    const run = doc.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(MESSAGE_TYPES.map((t) => t.code));
    const result = run.results[0]!;
    expect(run.tool.driver.rules[result.ruleIndex as number]).toMatchObject({ id: 'IST0101', helpUri: 'https://istio.io/latest/docs/reference/config/analysis/ist0101/' });
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'dir%20with%20space/vs.yaml' }, region: { startLine: 12, startColumn: 7 } });
    expect(result.relatedLocations[0]).toMatchObject({ id: 0, physicalLocation: { artifactLocation: { uri: 'gw.yaml' }, region: { startLine: 3 } } });
    expect(result.level).toBe('error');
  });
});

describe('GitHub annotations', () => {
  it('escapes newlines, percent signs, and property separators', () => {
    expect(escapeData('50%\nnext')).toBe('50%25%0Anext');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
  });

  it('maps levels to error/warning/notice and omits file for cluster objects', () => {
    const out = formatGithub([diagnostic(), diagnostic({ level: 'Info', file: undefined, related: [] })]);
    const [first, second] = out.trim().split('\n');
    expect(first).toMatch(/^::error file=dir with space\/vs\.yaml,line=12,col=7,title=IST0101 VirtualService default\/reviews::/);
    expect(second).toMatch(/^::notice title=IST0101 VirtualService default\/reviews::/);
  });
});
