/**
 * The injector ConfigMap that `install` writes (injectorConfigMapData) read back the way --injectConfigFile
 * and --from-cluster read it: the pods must be identical to the built-in offline path.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildInjectConfig } from '../../src/inject/config.js';
import { injectorConfigMapData } from '../../src/inject/configmap.js';
import { builtInInjectInputs, defaultInjectInputs } from '../../src/inject/defaults.js';
import { injectAll } from '../../src/inject/index.js';
import { emitYaml } from '../../src/inject/emit.js';
import { prepareTemplates } from '../../src/inject/render.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/inject/${name}/input.yaml`, import.meta.url)), 'utf8');

describe('injectorConfigMapData', () => {
  for (const revision of ['', 'canary']) {
    it(`round-trips through the ConfigMap format (revision ${revision || 'default'})`, async () => {
      const inputs = await defaultInjectInputs(revision);
      const data = injectorConfigMapData(inputs);
      expect(data.config).toMatch(/^policy: enabled\n/);
      expect(data.config).toContain('defaultTemplates:\n- sidecar\n');
      expect(JSON.parse(data.values)).toMatchObject({ revision, global: { istioNamespace: 'istio-system' } });
      const configMap = emitYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio-sidecar-injector' }, data });
      const mesh = emitYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio' }, data: { mesh: emitYaml(inputs.meshConfig) } });
      const fromConfigMap = buildInjectConfig(
        { values: {}, meshConfig: {}, revision },
        { injectConfig: { source: 'cm', text: configMap }, values: { source: 'cm', text: configMap }, meshConfig: { source: 'cm', text: mesh } },
      );
      const builtIn = buildInjectConfig(inputs, {});
      for (const name of ['deployment', 'probes', 'pod-annotations', 'gateway-template', 'cronjob']) {
        const a = injectAll(fixture(name), builtIn);
        const b = injectAll(fixture(name), fromConfigMap);
        expect(b.problems).toEqual([]);
        expect(b.text).toBe(a.text);
      }
    });
  }

  it('reads a bare template file as the sidecar template', async () => {
    const config = buildInjectConfig(builtInInjectInputs(), { injectConfig: { source: 't', text: 'spec:\n  containers:\n  - name: istio-proxy\n    image: {{ .ProxyImage }}\n' } });
    await prepareTemplates(config.injector);
    expect(config.injector.defaultTemplates).toEqual(['sidecar']);
    const out = injectAll(fixture('pod'), config).text;
    expect(out).toContain('- name: istio-proxy\n    image: docker.io/istio/proxyv2:1.31.4\n');
    expect(out).not.toContain('istio-init');
  });
});

describe('defaultInjectInputs', () => {
  it('is what src/manifest resolves for the default profile (the build-time copy is current)', async () => {
    const { resolveInstall } = await import('../../src/manifest/values.js');
    for (const revision of ['', 'canary']) {
      const r = resolveInstall({ profile: 'default', revision });
      expect(await defaultInjectInputs(revision)).toEqual({ values: r.values, meshConfig: r.meshConfig, revision: r.revision });
    }
  });
});
