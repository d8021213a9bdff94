/**
 * meshnetworks.MeshNetworksAnalyzer: each `fromRegistry` endpoint of the mesh networks must name a known service
 * registry (IST0126): `Kubernetes`, or a remote cluster registered through an `istio/multiCluster` Secret.
 */
import { rec, records, str } from '../fields.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';

const BUILT_IN = ['Kubernetes', 'External', 'Mock'];

export const meshNetworks: Analyzer = {
  meta: {
    name: 'meshnetworks.MeshNetworksAnalyzer',
    description: 'Checks that mesh networks refer to known service registries',
    inputs: [K.MeshNetworks, K.Secret],
  },
  analyze(ctx) {
    const meshNetworks = ctx.get(K.MeshNetworks, ctx.mesh.istioNamespace, 'meshnetworks');
    if (!meshNetworks) return;
    const networks = rec(meshNetworks.spec.networks);
    if (Object.keys(networks).length === 0) return;
    const known = new Set(BUILT_IN);
    for (const secret of ctx.all(K.Secret)) {
      if (secret.labels['istio/multiCluster'] !== 'true') continue;
      // Only the keys (cluster names) are read; the kubeconfigs they hold are never looked at.
      for (const key of Object.keys(rec(secret.object.data))) known.add(key);
      for (const key of Object.keys(rec(secret.object.stringData))) known.add(key);
    }
    if (!ctx.complete) return; // a remote cluster may be registered by a Secret not in the files
    for (const name of Object.keys(networks).sort()) {
      for (const [endpoint] of records(rec(networks[name]).endpoints)) {
        const registry = str(endpoint.fromRegistry);
        if (registry === undefined || known.has(registry)) continue;
        ctx.report({ resource: meshNetworks, message: M.UnknownMeshNetworksServiceRegistry(registry, name) });
      }
    }
  },
};
