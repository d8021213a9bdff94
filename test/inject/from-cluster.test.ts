/**
 * --from-cluster: the injector and mesh ConfigMaps come from the -i namespace through the cluster port
 * (a stub KubeClient here; the loopback API server tests cover the real client).
 */
import { describe, expect, it } from 'vitest';
import { loadInjectConfig } from '../../src/commands/inject-inputs.js';
import type { CliContext } from '../../src/context.js';
import { injectorConfigMapData } from '../../src/inject/configmap.js';
import { defaultInjectInputs } from '../../src/inject/defaults.js';
import { emitYaml } from '../../src/inject/emit.js';
import { injectAll } from '../../src/inject/index.js';
import type { KubeClient, KubeObject, ObjectRef } from '../../src/kube/types.js';
import { createMemoryIO } from '../../src/output/io.js';

function context(objects: KubeObject[], requests: ObjectRef[]): CliContext {
  const kube = {
    get: async (ref: ObjectRef) => {
      requests.push(ref);
      return objects.find((o) => o.kind === ref.kind && o.metadata.name === ref.name && o.metadata.namespace === ref.namespace);
    },
  } as unknown as KubeClient;
  return {
    io: createMemoryIO(),
    flags: { istioNamespace: 'mesh-system', kubeclientTimeoutMs: 1000, verbose: 0 },
    cwd: '/',
    env: {},
    signal: new AbortController().signal,
    kube: async () => kube,
    kubeForContext: async () => kube,
    working: () => () => {},
  };
}

async function configMaps(revision: string, namespace: string): Promise<KubeObject[]> {
  const inputs = await defaultInjectInputs(revision);
  inputs.values.global = { ...(inputs.values.global as object), proxy: { ...((inputs.values.global as { proxy: object }).proxy), logLevel: 'trace' } };
  const suffix = revision ? `-${revision}` : '';
  return [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `istio-sidecar-injector${suffix}`, namespace }, data: injectorConfigMapData(inputs) },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `istio${suffix}`, namespace }, data: { mesh: emitYaml({ ...inputs.meshConfig, trustDomain: 'corp.example' }) } },
  ];
}

const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x}]\n';

describe('kube-inject --from-cluster', () => {
  it('reads istio-sidecar-injector-<rev> and istio-<rev> from the istio namespace and uses them', async () => {
    const requests: ObjectRef[] = [];
    const config = await loadInjectConfig(context(await configMaps('canary', 'mesh-system'), requests), { fromCluster: true, revision: 'canary' });
    expect(requests.map((r) => `${r.namespace}/${r.name}`).sort()).toEqual(['mesh-system/istio-canary', 'mesh-system/istio-sidecar-injector-canary']);
    const out = injectAll(pod, config).text;
    expect(out).toContain('--proxyLogLevel=trace');
    expect(out).toContain('value: corp.example');
    expect(out).toContain('istio.io/rev: canary');
  });

  it('says which ConfigMap is missing (exit 69)', async () => {
    await expect(loadInjectConfig(context([], []), { fromCluster: true })).rejects.toMatchObject({
      exitCode: 69,
      message: 'ConfigMap mesh-system/istio-sidecar-injector not found; is Istio installed?',
    });
  });

  it('cannot be combined with local config files (exit 64)', async () => {
    await expect(loadInjectConfig(context([], []), { fromCluster: true, valuesFile: 'v.yaml' })).rejects.toMatchObject({ exitCode: 64 });
  });
});
