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

const SERVERS: Record<string, string> = {
  apiserver: fileURLToPath(new URL('../apiserver/index.ts', import.meta.url)),
  loopback: fileURLToPath(new URL('../loopback/index.ts', import.meta.url)),
};

/**
 * The loopback API server (test/support/apiserver) once it is there, else the stand-in. `SAILCTL_SIM_SERVER`
 * (`apiserver`, `loopback` or `stand-in`) picks one explicitly.
 */
async function startServer(seed: KubeObject[]): Promise<SimServer> {
  const wanted = process.env.SAILCTL_SIM_SERVER ?? (existsSync(SERVERS.apiserver as string) ? 'apiserver' : 'stand-in');
  const path = SERVERS[wanted];
  if (path) {
    const { startApiServer } = (await import(path)) as { startApiServer(o: { seed: KubeObject[] }): Promise<SimServer> };
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
