/**
 * A real Kubernetes control plane as plain processes on loopback: etcd, kube-apiserver and
 * kube-controller-manager, built from Go modules by scripts/kube-build.mjs and cached outside the work tree.
 * Certificates are minted at start; RBAC and the default admission plugins are on; the API server's cluster
 * traffic goes to the simulated cluster network (./network.ts) through its egress selector. Everything lives
 * in one temporary data folder that close() removes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintPki, type Pki } from './pki.js';
import { RealClient } from './client.js';

export interface KubeBinaries {
  dir: string;
  kubernetes: string;
  binaries: Record<'kube-apiserver' | 'kube-controller-manager' | 'etcd', string>;
}

export interface ControlPlane {
  url: string;
  dir: string;
  kubeconfigPath: string;
  pki: Pki;
  /** The cluster network's socket, for ./network.ts. */
  egressSocket: string;
  client: RealClient;
  /** The server's version, e.g. v1.37.2. */
  version: string;
  /** The last lines each process wrote, for error messages. */
  logs(): string;
  close(): Promise<void>;
}

/** Controllers of kube-controller-manager that the tests need (no node lifecycle: the node is simulated). */
const CONTROLLERS = [
  'deployment-controller', 'replicaset-controller', 'daemonset-controller', 'statefulset-controller', 'job-controller', 'cronjob-controller',
  'garbage-collector-controller', 'namespace-controller', 'serviceaccount-controller', 'root-ca-certificate-publisher-controller',
  'endpoints-controller', 'endpointslice-controller', 'endpointslice-mirroring-controller', 'disruption-controller', 'replicationcontroller-controller',
  'resourcequota-controller', 'ttl-after-finished-controller', 'clusterrole-aggregation-controller',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function kubeconfig(url: string, pki: Pki, user: { certPem: string; keyPem: string }, name: string): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${name}`,
    '  cluster:',
    `    server: ${url}`,
    `    certificate-authority-data: ${b64(pki.ca.certPem)}`,
    'users:',
    `- name: ${name}-admin`,
    '  user:',
    `    client-certificate-data: ${b64(user.certPem)}`,
    `    client-key-data: ${b64(user.keyPem)}`,
    'contexts:',
    `- name: ${name}`,
    '  context:',
    `    cluster: ${name}`,
    `    user: ${name}-admin`,
    '    namespace: default',
    `current-context: ${name}`,
    '',
  ].join('\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startControlPlane(bins: KubeBinaries, options: { dir?: string; onLog?: (line: string) => void } = {}): Promise<ControlPlane> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'sailctl-real-'));
  const children: Array<{ name: string; proc: ChildProcess; log: string }> = [];
  const say = options.onLog ?? (() => undefined);
  const stopAll = async (): Promise<void> => {
    for (const c of [...children].reverse()) {
      if (c.proc.exitCode !== null || c.proc.signalCode !== null) continue;
      const exited = new Promise((r) => c.proc.once('exit', r));
      c.proc.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    }
  };
  const tail = (): string => children.map((c) => {
    let text = '';
    try {
      text = readFileSync(c.log, 'utf8').split('\n').slice(-12).join('\n');
    } catch {
      // no log yet
    }
    return `--- ${c.name} (${c.log})\n${text}`;
  }).join('\n');
  const start = (name: string, bin: string, args: string[]): ChildProcess => {
    const log = join(dir, `${name}.log`);
    const out = createWriteStream(log);
    const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout?.pipe(out);
    proc.stderr?.pipe(out);
    children.push({ name, proc, log });
    return proc;
  };
  try {
    say('minting certificates');
    const pki = mintPki(dir);
    const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
    say(`starting etcd on 127.0.0.1:${etcdClient}`);
    start('etcd', bins.binaries.etcd, [
      '--name=sim', `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${etcdClient}`, `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`, `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=sim=http://127.0.0.1:${etcdPeer}`, '--unsafe-no-fsync', '--log-level=warn', '--quota-backend-bytes=2147483648',
    ]);
    const egressSocket = join(dir, 'cluster-network.sock');
    writeFileSync(join(dir, 'egress.yaml'), [
      'apiVersion: apiserver.k8s.io/v1beta1',
      'kind: EgressSelectorConfiguration',
      'egressSelections:',
      '- name: cluster',
      '  connection:',
      '    proxyProtocol: HTTPConnect',
      '    transport:',
      '      uds:',
      `        udsName: ${egressSocket}`,
      '',
    ].join('\n'));
    say(`starting kube-apiserver on https://127.0.0.1:${apiPort}`);
    start('kube-apiserver', bins.binaries['kube-apiserver'], [
      `--etcd-servers=http://127.0.0.1:${etcdClient}`,
      '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${apiPort}`,
      `--tls-cert-file=${pki.apiserver.cert}`, `--tls-private-key-file=${pki.apiserver.key}`, `--client-ca-file=${pki.ca.cert}`,
      `--service-account-issuer=https://kubernetes.default.svc.cluster.local`, `--service-account-key-file=${pki.serviceAccountPub}`,
      `--service-account-signing-key-file=${pki.serviceAccountKey}`, '--api-audiences=https://kubernetes.default.svc.cluster.local',
      '--service-cluster-ip-range=10.96.0.0/16', '--authorization-mode=RBAC', '--allow-privileged=true',
      '--endpoint-reconciler-type=none', `--egress-selector-config-file=${join(dir, 'egress.yaml')}`, '--profiling=false', '--v=0',
    ]);
    const url = `https://127.0.0.1:${apiPort}`;
    const client = new RealClient({ url, caPem: pki.ca.certPem, certPem: pki.admin.certPem, keyPem: pki.admin.keyPem });
    const deadline = Date.now() + 90_000;
    for (let last = ''; ; ) {
      const dead = children.find((c) => c.proc.exitCode !== null);
      if (dead) throw new Error(`${dead.name} exited with ${dead.proc.exitCode} while starting`);
      try {
        await client.call('GET', '/readyz');
        break;
      } catch (err) {
        last = (err as Error).message;
        if (Date.now() > deadline) throw new Error(`kube-apiserver did not become ready within 90 s (${last})`);
        await sleep(250);
      }
    }
    const version = (await client.call<{ gitVersion: string }>('GET', '/version')).gitVersion;
    const kubeconfigPath = join(dir, 'admin.kubeconfig');
    writeFileSync(kubeconfigPath, kubeconfig(url, pki, pki.admin, 'sailctl-real'), { mode: 0o600 });
    const kcmConfig = join(dir, 'controller-manager.kubeconfig');
    writeFileSync(kcmConfig, kubeconfig(url, pki, pki.controllerManager, 'kcm'), { mode: 0o600 });
    say('starting kube-controller-manager');
    start('kube-controller-manager', bins.binaries['kube-controller-manager'], [
      `--kubeconfig=${kcmConfig}`, `--authentication-kubeconfig=${kcmConfig}`, `--authorization-kubeconfig=${kcmConfig}`,
      '--bind-address=127.0.0.1', '--secure-port=0', '--leader-elect=false', `--controllers=${CONTROLLERS.join(',')}`,
      `--root-ca-file=${pki.ca.cert}`, `--service-account-private-key-file=${pki.serviceAccountKey}`, '--use-service-account-credentials=true',
      '--concurrent-deployment-syncs=5', '--concurrent-gc-syncs=20', '--v=0',
    ]);
    return {
      url,
      dir,
      kubeconfigPath,
      pki,
      egressSocket,
      client,
      version,
      logs: tail,
      close: async () => {
        client.close();
        await stopAll();
        if (!options.dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    const logs = tail();
    await stopAll();
    if (!options.dir) rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(err as Error).message}\n${logs}`);
  }
}
