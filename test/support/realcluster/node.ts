/**
 * The simulated node: plays the scheduler and the kubelet of one node, `sim-node`, as a client of the real
 * API server. It registers the Node, binds unscheduled pods to it, reports bound pods as Running and Ready
 * with a pod IP (which exists only on the simulated cluster network), and completes graceful deletions.
 * Containers do not run: images are never pulled and probes are never executed.
 */
import type { KubeObject } from '../../../src/kube/types.js';
import type { ClusterCache } from './cache.js';
import type { RealClient } from './client.js';

export const NODE_NAME = 'sim-node';

interface Container {
  name: string;
  image?: string;
  restartPolicy?: string;
}
interface PodSpec {
  nodeName?: string;
  containers?: Container[];
  initContainers?: Container[];
}
interface PodStatus {
  phase?: string;
  podIP?: string;
}

export interface SimNode {
  /** The pod IP given to a pod, by namespace/name. */
  podIps: Map<string, string>;
  stop(): void;
}

function nodeObject(): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: NODE_NAME, labels: { 'kubernetes.io/hostname': NODE_NAME, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' } },
    spec: {},
  };
}

function nodeStatus(kubeletVersion: string): Record<string, unknown> {
  const now = new Date().toISOString();
  const cond = (type: string, status: string, reason: string) => ({ type, status, reason, message: reason, lastHeartbeatTime: now, lastTransitionTime: now });
  return {
    conditions: [cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory'), cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure'), cond('PIDPressure', 'False', 'KubeletHasSufficientPID'), cond('Ready', 'True', 'KubeletReady')],
    addresses: [{ type: 'InternalIP', address: '10.0.0.10' }, { type: 'Hostname', address: NODE_NAME }],
    nodeInfo: { kubeletVersion, kubeProxyVersion: '', operatingSystem: 'linux', architecture: 'amd64', containerRuntimeVersion: 'sailctl-sim://0', osImage: 'simulated', kernelVersion: 'simulated', machineID: 'sim', systemUUID: 'sim', bootID: 'sim' },
    capacity: { cpu: '8', memory: '32Gi', pods: '250', 'ephemeral-storage': '100Gi' },
    allocatable: { cpu: '8', memory: '32Gi', pods: '250', 'ephemeral-storage': '100Gi' },
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
  };
}

function runningStatus(pod: KubeObject, ip: string, started: string): Record<string, unknown> {
  const spec = (pod.spec ?? {}) as PodSpec;
  const cond = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: started });
  const running = (c: Container) => ({ name: c.name, image: c.image ?? '', imageID: `${c.image ?? ''}@sha256:${'0'.repeat(64)}`, containerID: `sailctl-sim://${c.name}`, ready: true, started: true, restartCount: 0, state: { running: { startedAt: started } } });
  const completed = (c: Container) => ({ name: c.name, image: c.image ?? '', imageID: `${c.image ?? ''}@sha256:${'0'.repeat(64)}`, containerID: `sailctl-sim://${c.name}`, ready: true, started: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: started, finishedAt: started } } });
  return {
    phase: 'Running',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(cond),
    hostIP: '10.0.0.10',
    hostIPs: [{ ip: '10.0.0.10' }],
    podIP: ip,
    podIPs: [{ ip }],
    startTime: started,
    containerStatuses: (spec.containers ?? []).map(running),
    ...(spec.initContainers?.length ? { initContainerStatuses: spec.initContainers.map((c) => (c.restartPolicy === 'Always' ? running(c) : completed(c))) } : {}),
  };
}

export async function startSimNode(client: RealClient, cache: ClusterCache, kubeletVersion: string): Promise<SimNode> {
  await client.call('POST', '/api/v1/nodes', nodeObject());
  await client.call('PATCH', `/api/v1/nodes/${NODE_NAME}/status`, { status: nodeStatus(kubeletVersion) }, 'application/merge-patch+json');
  const podIps = new Map<string, string>();
  const inFlight = new Set<string>();
  let next = 2;
  const allocate = (key: string): string => {
    let ip = podIps.get(key);
    if (!ip) {
      ip = `10.244.${Math.floor(next / 250)}.${(next % 250) + 2}`;
      next++;
      podIps.set(key, ip);
    }
    return ip;
  };
  const act = (key: string, work: () => Promise<unknown>): void => {
    if (inFlight.has(key)) return;
    inFlight.add(key);
    work()
      .catch(() => undefined) // the pod changed or went away meanwhile; the next event acts again
      .finally(() => {
        inFlight.delete(key);
        const pod = cache.get({ apiVersion: 'v1', kind: 'Pod', namespace: key.split('/')[0], name: key.split('/')[1] as string });
        if (pod) reconcile(pod);
      });
  };
  const reconcile = (pod: KubeObject): void => {
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name ?? '';
    const key = `${ns}/${name}`;
    const spec = (pod.spec ?? {}) as PodSpec;
    const status = (pod.status ?? {}) as PodStatus;
    const base = `/api/v1/namespaces/${ns}/pods/${name}`;
    if (pod.metadata.deletionTimestamp) {
      act(key, () => client.call('DELETE', base, { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } }));
      return;
    }
    if (!spec.nodeName) {
      act(key, () => client.call('POST', `${base}/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: ns }, target: { apiVersion: 'v1', kind: 'Node', name: NODE_NAME } }));
      return;
    }
    if (spec.nodeName !== NODE_NAME) return;
    if (status.phase !== 'Running' || !status.podIP) {
      const ip = allocate(key);
      act(key, () => client.call('PATCH', `${base}/status`, { status: runningStatus(pod, ip, new Date().toISOString()) }, 'application/merge-patch+json'));
    }
  };
  const off = cache.onChange((kind, ev) => {
    if (kind !== 'v1/Pod') return;
    if (ev.type === 'DELETED') podIps.delete(ev.key);
    else reconcile(ev.object);
  });
  for (const pod of cache.list('v1', 'Pod')) reconcile(pod);
  return { podIps, stop: off };
}
