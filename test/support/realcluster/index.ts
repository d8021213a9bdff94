/**
 * The real control-plane tier: etcd + kube-apiserver + kube-controller-manager built from Go modules
 * (scripts/kube-build.ts), a simulated node (scheduler and kubelet of one node) and, unless `istio: false`,
 * the Istio simulation as a client of the server, all joined by the simulated cluster network.
 *
 * Availability: `realClusterAvailability()` says whether the binaries are cached or Go can build them. Tests
 * call `realTier()`; when the tier cannot run it explains why, and with SAILCTL_REQUIRE_REAL_CLUSTER=1 (set
 * by .ci/run) that is a failure instead of a skip.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { buildKube, isBuilt, kubeBuildInfo } from '../../../scripts/kube-build.js';
import type { IstioSimulationOptions } from '../istio-sim/index.js';
import { ClusterCache } from './cache.js';
import type { RealClient } from './client.js';
import { startControlPlane, type ControlPlane } from './control-plane.js';
import { startRealIstioSimulation, type RealIstioSimulation } from './istio.js';
import { startClusterNetwork, type ClusterNetwork } from './network.js';
import { startSimNode } from './node.js';

export interface RealCluster {
  url: string;
  kubeconfigPath: string;
  /** `--kubeconfig PATH` for sailctl and kubectl. */
  kubeconfigArgs: string[];
  version: string;
  client: RealClient;
  cache: ClusterCache;
  istio?: RealIstioSimulation;
  network: ClusterNetwork;
  caPem: string;
  logs(): string;
  close(): Promise<void>;
}

export interface RealClusterOptions {
  /** Run the Istio simulation (default true). */
  istio?: boolean | IstioSimulationOptions;
  /** Keep the data folder here (it is removed on close otherwise). */
  dir?: string;
  /** Progress lines (build and start). */
  onLog?: (line: string) => void;
}

export type Availability = { ok: true; cached: boolean } | { ok: false; reason: string };

export function realClusterAvailability(): Availability {
  if (isBuilt()) return { ok: true, cached: true };
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status === 0) return { ok: true, cached: false };
  return { ok: false, reason: `the real control plane is not built (${kubeBuildInfo().dir}) and Go is not installed to build it` };
}

export function realClusterRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SAILCTL_REQUIRE_REAL_CLUSTER === '1' || env.SAILCTL_REQUIRE_REAL_CLUSTER === 'true';
}

export async function startRealCluster(options: RealClusterOptions = {}): Promise<RealCluster> {
  const info = kubeBuildInfo();
  if (!isBuilt(info)) {
    const built = await buildKube(info);
    if (!built.ok) throw new Error(built.message);
  }
  for (const bin of Object.values(info.binaries)) if (!existsSync(bin)) throw new Error(`missing ${bin}`);
  const cp: ControlPlane = await startControlPlane({ dir: info.dir, kubernetes: info.kubernetes, binaries: info.binaries }, { ...(options.dir ? { dir: options.dir } : {}), ...(options.onLog ? { onLog: options.onLog } : {}) });
  let istio: RealIstioSimulation | undefined;
  const cache = new ClusterCache(cp.client);
  let network: ClusterNetwork | undefined;
  try {
    const node = await startSimNode(cp.client, cache, cp.version);
    if (options.istio !== false) {
      istio = startRealIstioSimulation(cp.client, cache, cp.pki, typeof options.istio === 'object' ? options.istio : {});
    }
    const sim = istio;
    network = await startClusterNetwork(cp.egressSocket, (ip, port) => sim?.route(ip, port));
    const net = network;
    return {
      url: cp.url,
      kubeconfigPath: cp.kubeconfigPath,
      kubeconfigArgs: ['--kubeconfig', cp.kubeconfigPath],
      version: cp.version,
      client: cp.client,
      cache,
      ...(istio ? { istio } : {}),
      network: net,
      caPem: cp.pki.ca.certPem,
      logs: cp.logs,
      close: async () => {
        node.stop();
        sim?.stop();
        await net.close();
        await cp.close();
      },
    };
  } catch (err) {
    await network?.close();
    await cp.close();
    throw err;
  }
}

