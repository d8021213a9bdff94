import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { meshNetworks } from './meshnetworks.js';

const fixture = new URL('./meshnetworks.fixture.yaml', import.meta.url);
const networks = {
  networks: {
    network1: { endpoints: [{ fromRegistry: 'Kubernetes' }] },
    network2: { endpoints: [{ fromRegistry: 'cluster-west' }] },
    network3: { endpoints: [{ fromRegistry: 'cluster-east' }] },
  },
};

describe('meshnetworks.MeshNetworksAnalyzer', () => {
  it('reports registries nothing registers, on the MeshNetworks resource, as Istio does', () => {
    const found = analyzeFixture(meshNetworks, fixture, { mesh: { meshNetworks: networks, istioNamespace: 'istio-system', revision: '' } });
    expect(briefs(found)).toEqual(['IST0126 MeshNetworks istio-system/meshnetworks']);
    expect(found[0]?.message).toContain('cluster-east');
    expect(JSON.stringify(found)).not.toContain('not a real kubeconfig');
  });
});
