/**
 * The CRD and the strict validator come from one definition; this checks they agree: a document that sets
 * every field the CRD declares, with values of the declared types, has no unknown-field or type errors.
 */
import { describe, expect, it } from 'vitest';
import { istioCrds } from '../../src/api/crds.js';
import { parseResources } from '../../src/resources/index.js';
import { validateResource } from '../../src/validators/index.js';

type Schema = Record<string, any>;

function sample(s: Schema): unknown {
  if (s['x-kubernetes-int-or-string']) return 1;
  if (s.properties) return Object.fromEntries(Object.entries(s.properties as Record<string, Schema>).map(([k, v]) => [k, sample(v)]));
  switch (s.type) {
    case 'string':
      return s.enum ? s.enum[0] : s.format === 'date-time' ? '2024-01-01T00:00:00Z' : 'a';
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [sample(s.items)];
    case 'object':
      return s.additionalProperties ? { k: sample(s.additionalProperties) } : {};
    default:
      return {};
  }
}

describe('CRD schemas and strict validators agree', () => {
  for (const crd of istioCrds() as unknown as Schema[]) {
    for (const v of crd.spec.versions) {
      it(`${crd.spec.names.kind} ${v.name}: every declared field is known, every declared type accepted`, async () => {
        const doc = { apiVersion: `${crd.spec.group}/${v.name}`, kind: crd.spec.names.kind, metadata: { name: 'x', namespace: 'y', labels: { a: 'b' } }, ...(sample(v.schema.openAPIV3Schema) as object) };
        const { resources } = parseResources({ name: 'doc.json', text: JSON.stringify(doc, null, 1) });
        const issues = await validateResource(resources[0]!);
        expect(issues.filter((i) => /unknown field|expected /.test(i.message)).map((i) => `${i.pathText}: ${i.message}`)).toEqual([]);
        expect(issues.length, 'a maximal document breaks some oneof/semantic rules, so some issues are expected').toBeGreaterThan(0);
      });
    }
  }
});
