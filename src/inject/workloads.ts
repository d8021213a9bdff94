/** Where each injectable kind keeps its pod: the pod itself, `spec.template`, or a CronJob's job template. */
import type { PodParts, WorkloadIdentity } from './data.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  DeploymentConfig: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export const INJECTABLE_KINDS: readonly string[] = Object.keys(TEMPLATE_PATHS);

export interface Workload {
  identity: WorkloadIdentity;
  pod: PodParts;
  /** A copy of the object with `pod` put in its place. */
  withPod(pod: PodParts): Obj;
}

/** The workload view of an object, or `undefined` when its kind carries no pod (or no pod spec yet). */
export function asWorkload(object: Obj): Workload | undefined {
  const kind = object.kind;
  if (typeof kind !== 'string' || !(kind in TEMPLATE_PATHS)) return undefined;
  const path = TEMPLATE_PATHS[kind] as readonly string[];
  let holder: unknown = object;
  for (const p of path) holder = isObject(holder) ? holder[p] : undefined;
  if (!isObject(holder) || !isObject(holder.spec)) return undefined;
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const podMeta = isObject(holder.metadata) ? holder.metadata : {};
  return {
    identity: { apiVersion: String(object.apiVersion ?? ''), kind, metadata },
    pod: { metadata: podMeta, spec: holder.spec },
    withPod(pod) {
      const put = (node: Obj, i: number): Obj => {
        if (i === path.length) {
          // an empty pod template metadata is left out (uninject of a template that had none)
          const out: Obj = 'metadata' in node ? { ...node } : { metadata: undefined, ...node };
          if (Object.keys(pod.metadata).length > 0 || path.length === 0) out.metadata = pod.metadata;
          else delete out.metadata;
          out.spec = pod.spec;
          return out;
        }
        const key = path[i] as string;
        return { ...node, [key]: put(node[key] as Obj, i + 1) };
      };
      return put(object, 0);
    },
  };
}
