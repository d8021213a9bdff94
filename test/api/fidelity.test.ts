/**
 * Fidelity of sailctl's Istio API against upstream Istio's CRDs (../shared/reference/istio/crd-all.gen.yaml):
 * for every CRD and served version, the same property paths with the same types and enums, the same
 * formats/bounds/required/oneofs/flags and number of CEL rules, and the same names, versions and columns.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { istioCrds } from '../../src/api/crds.js';
import { compareShapes, flatten } from './crd-shape.js';

const ref = join(import.meta.dirname, '..', '..', '..', 'shared', 'reference', 'istio', 'crd-all.gen.yaml');
type Crd = { metadata: { name: string; labels?: Record<string, string> }; spec: Record<string, any> };

const present = existsSync(ref);

describe.skipIf(!present)(present ? "fidelity with Istio's CRDs" : `fidelity with Istio's CRDs: SKIPPED because the reference file ${ref} is absent`, () => {
  const theirs = existsSync(ref)
    ? (parseAllDocuments(readFileSync(ref, 'utf8')).map((d) => d.toJS()).filter((d) => d?.kind === 'CustomResourceDefinition') as Crd[])
    : [];
  const ours = new Map((istioCrds() as unknown as Crd[]).map((c) => [c.metadata.name, c]));

  it('reads the reference (15 CRDs)', () => {
    expect(theirs.length).toBe(15);
  });

  it('notices a difference, and names the path', () => {
    const gw = (istioCrds() as unknown as Crd[]).find((c) => c.metadata.name === 'gateways.networking.istio.io') as Crd;
    const schema = gw.spec.versions[0].schema.openAPIV3Schema;
    const changed = structuredClone(schema);
    changed.properties.spec.properties.servers.items.properties.port.properties.number.maximum = 65535;
    delete changed.properties.spec.properties.selector;
    changed.properties.spec.properties.servers.items.properties.tls.properties.mode.enum.pop();
    const d = compareShapes(flatten(changed), flatten(schema));
    expect(d.missing).toEqual(['.spec.selector', '.spec.selector{}']);
    expect(d.typeOrEnum.join()).toContain('.spec.servers[].tls.mode: enum');
    expect(d.other.join()).toContain('.spec.servers[].port.number');
  });

  it('defines every CRD Istio ships, and no other', () => {
    const names = theirs.map((c) => c.metadata.name).sort();
    expect([...ours.keys()].filter((n) => !names.includes(n))).toEqual([]);
    expect(names.filter((n) => !ours.has(n)), 'CRDs Istio ships that sailctl does not define yet').toEqual([]);
  });

  for (const t of theirs) {
    const name = t.metadata.name;
    describe(name, () => {
      const o = () => {
        const c = ours.get(name);
        if (!c) throw new Error(`${name} is not defined in src/api/kinds`);
        return c;
      };

      it('has the same names, scope, labels, versions, storage version, subresources and printer columns', () => {
        const c = o();
        expect(c.spec.group).toBe(t.spec.group);
        expect(c.spec.names).toEqual(t.spec.names);
        expect(c.spec.scope).toBe(t.spec.scope);
        expect(c.metadata.labels).toEqual(t.metadata.labels);
        const versions = (crd: Crd) =>
          crd.spec.versions.map((v: any) => ({
            name: v.name,
            served: v.served,
            storage: v.storage,
            deprecated: v.deprecated ?? false,
            subresources: v.subresources,
            columns: (v.additionalPrinterColumns ?? []).map((col: any) => `${col.name}:${col.type}:${col.jsonPath}`),
          }));
        expect(versions(c)).toEqual(versions(t));
      });

      for (const v of t.spec.versions as any[]) {
        const shapes = () => {
          const mine = o().spec.versions.find((x: any) => x.name === v.name);
          if (!mine) throw new Error(`${name} has no version ${v.name}`);
          return compareShapes(flatten(mine.schema.openAPIV3Schema), flatten(v.schema.openAPIV3Schema));
        };
        it(`${v.name}: has every property path and no other`, () => {
          const d = shapes();
          expect(d.missing, 'paths Istio has and sailctl lacks').toEqual([]);
          expect(d.extra, 'paths sailctl has and Istio lacks').toEqual([]);
        });
        it(`${v.name}: has the same types and enums`, () => {
          expect(shapes().typeOrEnum).toEqual([]);
        });
        it(`${v.name}: has the same formats, bounds, required fields, oneofs, flags and CEL rule counts`, () => {
          expect(shapes().other).toEqual([]);
        });
      }
    });
  }
});
