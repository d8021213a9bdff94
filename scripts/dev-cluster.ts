/**
 * `npm run dev-cluster`: a cluster to try sailctl on by hand, running until Ctrl-C (SIGINT/SIGTERM).
 *
 *   (default)        the loopback Kubernetes API server (test/support/loopback), a local stand-in for a cluster
 *   --real           a real kube-apiserver + etcd + kube-controller-manager on loopback, built from Go modules
 *                    into ~/.cache/sailctl/kube/ first if needed (scripts/kube-build.ts)
 *   --no-istio-sim   without the Istio simulation (istiod's webhook CA and debug endpoints, Envoy admin APIs)
 *   --kubeconfig-out PATH   also write the kubeconfig there
 *   --ready-delay MS        loopback only: how long simulated workloads take to become ready
 *   --port N                loopback only: the port to listen on
 *
 * Exit codes: 0 after Ctrl-C, 64 for a bad flag, 69 when the real control plane cannot be built or started.
 */
import { chmodSync, copyFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startApiServer } from '../test/support/loopback/index.js';
import { installIstioSimulation } from '../test/support/istio-sim/index.js';

function usage(message: string): never {
  process.stderr.write(`dev-cluster: ${message}\n`);
  process.exit(64);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      'kubeconfig-out': { type: 'string' },
      'ready-delay': { type: 'string' },
      port: { type: 'string' },
      real: { type: 'boolean', default: false },
      'no-istio-sim': { type: 'boolean', default: false },
    },
  });
} catch (err) {
  usage((err as Error).message);
}
const values = parsed.values;
const withSim = !values['no-istio-sim'];

interface Running {
  kubeconfigPath: string;
  banner: string;
  close(): Promise<void>;
}

async function startLoopback(): Promise<Running> {
  const readyDelayMs = values['ready-delay'] !== undefined ? Number(values['ready-delay']) : 1000;
  if (!Number.isFinite(readyDelayMs) || readyDelayMs < 0) usage(`--ready-delay must be a number of milliseconds, got "${values['ready-delay']}"`);
  const port = values.port !== undefined ? Number(values.port) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) usage(`--port must be a port number, got "${values.port}"`);
  const server = await startApiServer({ readyDelayMs, ...(port !== undefined ? { port } : {}) });
  const sim = withSim ? installIstioSimulation(server) : undefined;
  return {
    kubeconfigPath: server.kubeconfigPath,
    banner: `Loopback Kubernetes API server (a local stand-in for a cluster) at ${server.url}`,
    close: async () => {
      sim?.uninstall();
      await server.close();
    },
  };
}

async function startReal(): Promise<Running> {
  if (values['ready-delay'] !== undefined || values.port !== undefined) usage('--ready-delay and --port apply to the loopback server only, not with --real');
  const { startRealCluster } = await import('../test/support/realcluster/index.js');
  try {
    const cluster = await startRealCluster({ istio: withSim, onLog: (line) => process.stderr.write(`[real-cluster] ${line}\n`) });
    return { kubeconfigPath: cluster.kubeconfigPath, banner: `Real Kubernetes API server ${cluster.version} (etcd, kube-apiserver, kube-controller-manager on loopback) at ${cluster.url}`, close: () => cluster.close() };
  } catch (err) {
    process.stderr.write(`dev-cluster: the real control plane could not start: ${(err as Error).message}\n`);
    process.exit(69);
  }
}

const running = values.real ? await startReal() : await startLoopback();

// Stop handlers go in before the ready lines: whoever reads "kubeconfig:" may send SIGTERM at once.
let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  void running.close().then(() => {
    process.exitCode = 0;
  });
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

let kubeconfig = running.kubeconfigPath;
if (values['kubeconfig-out']) {
  copyFileSync(running.kubeconfigPath, values['kubeconfig-out']);
  chmodSync(values['kubeconfig-out'], 0o600);
  kubeconfig = values['kubeconfig-out'];
}
process.stdout.write(`${running.banner}\n`);
process.stdout.write(`kubeconfig: ${kubeconfig}\n`);
process.stderr.write(`Istio simulation: ${withSim ? 'on' : 'off (--no-istio-sim)'}\n`);
process.stderr.write(`Try: kubectl --kubeconfig ${kubeconfig} get namespaces   (Ctrl-C to stop)\n`);
