/**
 * Golden renders, one per profile (plus a revisioned one): test/fixtures/manifest/<name>.yaml.
 * `UPDATE_GOLDEN=1 npx vitest run test/manifest/golden.test.ts` rewrites them; review the diff like code.
 * The injector templates (owned by kube-inject, src/inject/templates) are replaced by their names, so these
 * files show what the renderer decides and do not change when a template does. Likewise the CRDs' schemas (owned
 * by the API work, src/api, and checked against Istio's by test/api/fidelity.test.ts) are elided.
 */
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { profileNames } from '../../src/manifest/profiles.js';
import { render, renderObjectsYaml, type ManifestSet } from '../../src/manifest/render.js';
import { resolveInstall, type InstallInput } from '../../src/manifest/values.js';
import { expectGoldenFile } from '../support/golden.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'manifest');

function goldenText(set: ManifestSet): string {
  const objects = set.objects.map(({ object }) => {
    if (object.kind === 'CustomResourceDefinition') {
      const spec = object.spec as { versions: Array<Record<string, unknown>> };
      return { ...object, spec: { ...spec, versions: spec.versions.map((v) => ({ ...v, schema: '<schema elided>' })) } };
    }
    if (object.kind !== 'ConfigMap' || !String(object.metadata.name).startsWith('istio-sidecar-injector')) return object;
    const data = object.data as { config: string; values: string };
    const config = parse(data.config) as { templates: Record<string, string> };
    config.templates = Object.fromEntries(Object.keys(config.templates).map((k) => [k, '<template text elided>']));
    return { ...object, data: { ...data, config: stringify(config) } };
  });
  return renderObjectsYaml(objects);
}

const cases: Array<[string, InstallInput]> = [
  ...profileNames().map((p): [string, InstallInput] => [p, { profile: p }]),
  ['minimal-revision-canary', { profile: 'minimal', revision: 'canary' }],
];

describe('golden renders', () => {
  it.each(cases)('%s', (name, input) => {
    const actual = goldenText(render(resolveInstall(input)));
    expectGoldenFile(join(dir, `${name}.yaml`), actual);
  });
});
