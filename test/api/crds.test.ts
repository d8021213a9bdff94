/** The generated CRDs: structural schemas a kube-apiserver accepts, in a stable order, one storage version. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { istioCrds } from '../../src/api/crds.js';
import { buildCrd } from '../../src/api/crd-build.js';
import { KINDS } from '../../src/api/kinds/index.js';
import { msg, str } from '../../src/api/schema/index.js';
import { structuralErrors } from './structural.js';

type Crd = { metadata: { name: string; labels: Record<string, string> }; spec: Record<string, any> };
const crds = istioCrds() as unknown as Crd[];

describe('istioCrds()', () => {
  it('returns one CRD per kind, sorted by name', () => {
    const names = crds.map((c) => c.metadata.name);
    expect(names.length).toBe(KINDS.length);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('virtualservices.networking.istio.io');
  });

  it('returns fresh objects, with extra labels when asked', () => {
    const a = istioCrds({ labels: { 'istio.io/rev': 'canary' } }) as unknown as Crd[];
    expect(a[0]?.metadata.labels['istio.io/rev']).toBe('canary');
    expect(a[0]?.metadata.labels.app).toBe('istio-pilot');
    a[0]!.metadata.labels.changed = 'x';
    expect((istioCrds() as unknown as Crd[])[0]?.metadata.labels.changed).toBeUndefined();
  });

  it('matches the generated JSON file byte for byte when rebuilt (deterministic generation)', () => {
    const file = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'src', 'api', 'generated', 'crds.json'), 'utf8'));
    const rebuilt = [...KINDS].map(buildCrd).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(file));
  });

  for (const crd of crds) {
    it(`${crd.metadata.name}: is a valid apiextensions.k8s.io/v1 CRD with structural schemas`, () => {
      expect(crd.metadata.name).toBe(`${crd.spec.names.plural}.${crd.spec.group}`);
      const versions = crd.spec.versions as any[];
      expect(versions.filter((v) => v.storage).length).toBe(1);
      expect(new Set(versions.map((v) => v.name)).size).toBe(versions.length);
      for (const v of versions) {
        expect(v.served).toBe(true);
        expect(v.subresources).toEqual({ status: {} });
        expect(structuralErrors(v.schema.openAPIV3Schema)).toEqual([]);
      }
    });
  }
});

describe('structural schema checker', () => {
  it('catches what an API server would refuse', () => {
    const bad = buildCrd({
      group: 'example.com',
      kind: 'Thing',
      plural: 'things',
      categories: [],
      versions: [{ name: 'v1', storage: true }],
      spec: msg({ a: str() }, { required: ['missing'] }),
    });
    const schema = (bad.spec as any).versions[0].schema.openAPIV3Schema;
    schema.properties.spec.properties.b = { description: 'no type' };
    schema.properties.spec.properties.c = { type: 'object', properties: { x: { type: 'string' } }, additionalProperties: { type: 'string' } };
    schema.properties.spec.oneOf = [{ required: ['a'], type: 'object' }];
    const errors = structuralErrors(schema).join('\n');
    expect(errors).toContain('.spec: required "missing" is not a property');
    expect(errors).toContain('.spec.b: "type" is missing');
    expect(errors).toContain('.spec.c: properties and additionalProperties are mutually exclusive');
    expect(errors).toContain('"type" is not allowed inside allOf/anyOf/oneOf/not');
  });
});
