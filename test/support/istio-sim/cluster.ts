/**
 * A cluster for proxy-status/proxy-config/precheck tests: the loopback API server (test/support/apiserver)
 * when it is there, otherwise the stand-in (./stand-in-server.ts), with the Istio simulation installed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../../../src/kube/types.js';
import { installIstioSimulation, type IstioSimulation, type IstioSimulationOptions } from './index.js';
import { startStandInServer, type StandInServer } from './stand-in-server.js';

export type SimServer = Pick<StandInServer, 'url' | 'kubeconfigPath' | 'requests' | 'clearRequests' | 'faults' | 'deny' | 'seed' | 'list' | 'get' | 'onPodProxy' | 'onPortForward' | 'close'>;

export interface SimCluster {
  server: SimServer;
  sim: IstioSimulation;
  /** `--kubeconfig PATH` for runSailctl. */
  kubeconfigArgs: string[];
  close(): Promise<void>;
}

const LOOPBACK = fileURLToPath(new URL('../apiserver/index.ts', import.meta.url));

async function startServer(seed: KubeObject[]): Promise<SimServer> {
  if (existsSync(LOOPBACK) && process.env.SAILCTL_SIM_STAND_IN !== '1') {
    const { startApiServer } = (await import(LOOPBACK)) as { startApiServer(o: { seed: KubeObject[] }): Promise<SimServer> };
    return startApiServer({ seed });
  }
  return startStandInServer(seed);
}

export async function startSimCluster(seed: KubeObject[], options: IstioSimulationOptions = {}): Promise<SimCluster> {
  const server = await startServer(seed);
  const sim = installIstioSimulation(server, options);
  return {
    server,
    sim,
    kubeconfigArgs: ['--kubeconfig', server.kubeconfigPath],
    close: async () => {
      sim.uninstall();
      await server.close();
    },
  };
}
