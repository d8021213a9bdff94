import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseResources } from '../../resources/parse.js';
import { runAnalyzers } from '../run.js';
import { Snapshot } from '../snapshot.js';
import type { SchemaIssue, SchemaValidator } from '../types.js';
import { formatPath, schemaValidationOf } from './schema-validation.js';
import { briefs } from '../../../test/support/analyze-fixture.js';
import { records } from '../fields.js';

const text = readFileSync(new URL('./schema-validation.fixture.yaml', import.meta.url), 'utf8');
const snapshot = new Snapshot({ files: parseResources({ name: 'schema-validation.fixture.yaml', text }).resources });

/** A stand-in for src/validators: negative weights are errors, empty hosts a warning. */
const validate: SchemaValidator = (r) => {
  if (r.kind !== 'VirtualService') return undefined;
  const issues: SchemaIssue[] = [];
  if (Array.isArray(r.spec.hosts) && r.spec.hosts.length === 0) issues.push({ path: ['spec', 'hosts'], message: 'should have at least one host', severity: 'warning' });
  for (const [route, i] of records(r.spec.http)) {
    for (const [dest, j] of records(route.route)) {
      if (typeof dest.weight === 'number' && dest.weight < 0) issues.push({ path: ['spec', 'http', i, 'route', j, 'weight'], message: 'must be >= 0', severity: 'error' });
    }
  }
  return issues;
};

describe('schema.ValidationAnalyzer.<Kind>', () => {
  it('reports errors as IST0106 and warnings as IST0133 at the field, with the field path in the text', () => {
    const found = runAnalyzers({ snapshot, analyzers: [schemaValidationOf('VirtualService')], validate, strict: true });
    expect(briefs(found)).toEqual([
      'IST0133 VirtualService default/bad schema-validation.fixture.yaml:8:10',
      'IST0106 VirtualService default/bad schema-validation.fixture.yaml:12:19',
    ]);
    expect(found[1]?.message).toBe('Invalid resource: spec.http[0].route[0].weight: must be >= 0');
  });

  it('does nothing without a validator', () => {
    expect(runAnalyzers({ snapshot, analyzers: [schemaValidationOf('VirtualService')], strict: true })).toEqual([]);
  });

  it('formats paths as people write them', () => {
    expect(formatPath(['spec', 'gateways', 1])).toBe('spec.gateways[1]');
  });
});
