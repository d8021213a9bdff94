/**
 * Simulated pods: built from a workload's template (labels, containers, ownerReferences), scheduled on a node,
 * Pending/ContainerCreating at first, then Running and Ready — or held waiting with a reason such as
 * ImagePullBackOff (with a Warning Event, reason Failed) for `keepUnready`.
 */
import type { KubeObject } from '../../../src/kube/types.js';

type Obj = Record<string, any>;

export function owner(o: KubeObject): Obj {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, controller: true, blockOwnerDeletion: true };
}

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** A short deterministic hash in the alphabet Kubernetes uses for generated names (e.g. pod-template-hash). */
export function shortHash(value: unknown, length = 10): string {
  const text = JSON.stringify(value) ?? '';
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    h1 = Math.imul(h1 ^ text.charCodeAt(i), 16777619) >>> 0;
    h2 = Math.imul(h2 + text.charCodeAt(i), 2246822519) >>> 0;
  }
  let out = '';
  let a = h1;
  let b = h2;
  for (let i = 0; i < length; i++) {
    const n = (a ^ b) >>> 0;
    out += ALPHANUMS[n % ALPHANUMS.length];
    a = Math.imul(a, 31) + 7;
    b = (b >>> 3) ^ Math.imul(b, 17);
  }
  return out;
}

export function podFromTemplate(template: Obj, ownerObj: KubeObject, extraLabels: Record<string, string>, name: string | undefined, generateName: string | undefined, nodeName: string): KubeObject {
  const meta = (template.metadata ?? {}) as Obj;
  const spec = structuredClone((template.spec ?? {}) as Obj);
  spec.nodeName = nodeName;
  spec.serviceAccountName ??= 'default';
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  const containers = (spec.containers ?? []) as Obj[];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(name ? { name } : { generateName }),
      namespace: ownerObj.metadata.namespace,
      labels: { ...(meta.labels ?? {}), ...extraLabels },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [owner(ownerObj) as any],
    },
    spec,
    status: {
      phase: 'Pending',
      qosClass: 'BestEffort',
      conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: null }],
      containerStatuses: containers.map((c) => ({
        name: c.name,
        image: c.image,
        imageID: '',
        ready: false,
        started: false,
        restartCount: 0,
        state: { waiting: { reason: 'ContainerCreating' } },
      })),
    },
  };
}

export function readyStatus(pod: KubeObject, ip: string, now: string): Obj {
  const containers = ((pod.spec as Obj)?.containers ?? []) as Obj[];
  const cond = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now });
  return {
    phase: 'Running',
    qosClass: 'BestEffort',
    hostIP: '10.0.0.10',
    podIP: ip,
    podIPs: [{ ip }],
    startTime: now,
    conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(cond),
    containerStatuses: containers.map((c, i) => ({
      name: c.name,
      image: c.image,
      imageID: `docker.io/library/${String(c.image).split(':')[0]}@sha256:${shortHash(c.image, 16)}`,
      containerID: `containerd://${shortHash([pod.metadata.uid, i], 24)}`,
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: now } },
    })),
  };
}

export function heldStatus(pod: KubeObject, reason: string, now: string): Obj {
  const containers = ((pod.spec as Obj)?.containers ?? []) as Obj[];
  const image = containers[0]?.image ?? '';
  const message = reason === 'ImagePullBackOff' || reason === 'ErrImagePull' ? `Back-off pulling image "${image}"` : `container is waiting: ${reason}`;
  return {
    phase: 'Pending',
    qosClass: 'BestEffort',
    hostIP: '10.0.0.10',
    startTime: now,
    conditions: [
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: now },
      { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: now, reason: 'ContainersNotReady', message: `containers with unready status: [${containers.map((c) => c.name).join(' ')}]` },
      { type: 'ContainersReady', status: 'False', lastProbeTime: null, lastTransitionTime: now, reason: 'ContainersNotReady' },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now },
    ],
    containerStatuses: containers.map((c, i) => ({
      name: c.name,
      image: c.image,
      imageID: '',
      ready: false,
      started: false,
      restartCount: 0,
      state: i === 0 ? { waiting: { reason, message } } : { running: { startedAt: now } },
    })),
  };
}

export function failedEvent(pod: KubeObject, reason: string, now: string, seq: number): KubeObject {
  const container = ((pod.spec as Obj)?.containers?.[0]?.name ?? '') as string;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${pod.metadata.name}.${(0x17a0000000 + seq).toString(16)}`, namespace: pod.metadata.namespace },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid, fieldPath: `spec.containers{${container}}` },
    reason: 'Failed',
    message: `Error: ${reason}`,
    type: 'Warning',
    source: { component: 'kubelet', host: 'loopback-node' },
    reportingComponent: 'kubelet',
    reportingInstance: 'loopback-node',
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
  };
}

export function isReady(pod: KubeObject): boolean {
  return ((pod.status as Obj)?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');
}
