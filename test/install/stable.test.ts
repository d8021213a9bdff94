/** The stable profile installs its admission policy and binding, verifies, and uninstall --purge removes them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../support/apiserver/index.js';
import { runSailctl } from '../support/cli.js';
import { simulateIstiodCa } from '../support/istio-sim/webhook-ca.js';

let server: ApiServer;
let stopCa: (() => void) | undefined;
beforeAll(async () => {
  server = await startApiServer({ readyDelayMs: 0 });
  stopCa = simulateIstiodCa(server);
});
afterAll(async () => {
  stopCa?.();
  await server.close();
});

const VAP = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', name: 'stable-channel-policy-istio-system.istio.io' };
const BINDING = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', name: 'stable-channel-policy-binding-istio-system.istio.io' };

describe('install --profile stable', () => {
  it('applies the admission policy and binding, and uninstall --purge removes them', async () => {
    const install = await runSailctl(['-c', server.kubeconfigPath, 'install', '--profile', 'stable', '-y', '--progress', 'plain']);
    expect(install.exitCode, install.stderr).toBe(0);
    expect(server.get(VAP)?.metadata.labels?.['operator.istio.io/component']).toBe('Base');
    expect(server.get(BINDING)).toBeDefined();
    const purge = await runSailctl(['-c', server.kubeconfigPath, 'uninstall', '--purge', '-y']);
    expect(purge.exitCode, purge.stderr).toBe(0);
    expect(server.get(VAP)).toBeUndefined();
    expect(server.get(BINDING)).toBeUndefined();
  });
});
