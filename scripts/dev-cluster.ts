/**
 * `npm run dev-cluster`: starts the loopback Kubernetes API server (a local stand-in for a cluster, see
 * test/support/loopback/) and keeps it running until SIGINT/SIGTERM. Options: --kubeconfig-out PATH,
 * --ready-delay MS, --port N.
 */
import { copyFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startApiServer } from '../test/support/loopback/index.js';

const { values } = parseArgs({
  options: {
    'kubeconfig-out': { type: 'string' },
    'ready-delay': { type: 'string' },
    port: { type: 'string' },
  },
});

const readyDelayMs = values['ready-delay'] !== undefined ? Number(values['ready-delay']) : 1000;
if (!Number.isFinite(readyDelayMs) || readyDelayMs < 0) {
  process.stderr.write(`--ready-delay must be a number of milliseconds, got "${values['ready-delay']}"\n`);
  process.exit(64);
}
const server = await startApiServer({ readyDelayMs, ...(values.port ? { port: Number(values.port) } : {}) });
// Listen for the stop signals before saying the server is up: whoever reads that line may stop it at once.
let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  void server.close().then(() => {
    process.exitCode = 0;
  });
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
let kubeconfig = server.kubeconfigPath;
if (values['kubeconfig-out']) {
  copyFileSync(server.kubeconfigPath, values['kubeconfig-out']);
  kubeconfig = values['kubeconfig-out'];
}
process.stdout.write(`Loopback Kubernetes API server (a local stand-in for a cluster) at ${server.url}\n`);
process.stdout.write(`kubeconfig: ${kubeconfig}\n`);
process.stderr.write(`Try: kubectl --kubeconfig ${kubeconfig} get namespaces   (Ctrl-C to stop)\n`);

