/**
 * Readiness as data: is a CRD Established, is a Deployment/DaemonSet ready, and if not, why — read from the
 * workload's status, its pods (waiting/terminated containers, scheduling) and Warning Events. Pure.
 */
import type { KubeObject } from '../kube/types.js';

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

type Tree = Record<string, unknown>;
const tree = (v: unknown): Tree => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Tree) : {});
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const conditions = (o: KubeObject): Condition[] => (Array.isArray(tree(o.status).conditions) ? (tree(o.status).conditions as Condition[]) : []);

export interface Readiness {
  ready: boolean;
  /** Why not, in a few words: `1/2 replicas available`, `not Established: ...`. */
  summary: string;
}

export function crdReadiness(crd: KubeObject): Readiness {
  const established = conditions(crd).find((c) => c.type === 'Established');
  if (established?.status === 'True') return { ready: true, summary: 'Established' };
  const problem = conditions(crd).find((c) => c.type === 'NamesAccepted' && c.status === 'False');
  const why = problem ?? established;
  return { ready: false, summary: why?.message ? `not Established: ${why.message}` : 'not Established yet' };
}

/** Deployments, DaemonSets and StatefulSets, as `kubectl rollout status` judges them. */
export function workloadReadiness(o: KubeObject): Readiness {
  const spec = tree(o.spec);
  const status = tree(o.status);
  const generation = o.metadata.generation ?? 0;
  if (num(status.observedGeneration) < generation) return { ready: false, summary: 'waiting for the controller to see the new spec' };
  if (o.kind === 'DaemonSet') {
    const desired = num(status.desiredNumberScheduled);
    const updated = num(status.updatedNumberScheduled);
    const available = num(status.numberAvailable ?? status.numberReady);
    if (updated < desired) return { ready: false, summary: `${updated}/${desired} pods updated` };
    if (available < desired) return { ready: false, summary: `${available}/${desired} pods available` };
    return { ready: true, summary: `${available}/${desired} pods available` };
  }
  const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const updated = num(status.updatedReplicas);
  const available = num(o.kind === 'StatefulSet' ? status.readyReplicas : status.availableReplicas);
  const progressing = conditions(o).find((c) => c.type === 'Progressing');
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') {
    return { ready: false, summary: `rollout stalled: ${progressing.message ?? progressing.reason}` };
  }
  if (updated < desired) return { ready: false, summary: `${updated}/${desired} replicas updated` };
  if (available < desired) return { ready: false, summary: `${available}/${desired} replicas available` };
  return { ready: true, summary: `${available}/${desired} replicas available` };
}

export const WORKLOAD_KINDS: ReadonlySet<string> = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);

/** `matchLabels` of a workload as a label selector string (`app=istiod,istio.io/rev=default`). */
export function podSelector(workload: KubeObject): string | undefined {
  const match = tree(tree(tree(workload.spec).selector).matchLabels);
  const parts = Object.entries(match).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length > 0 ? parts.sort().join(',') : undefined;
}

interface ContainerStatus {
  name?: string;
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string }; terminated?: { reason?: string; exitCode?: number; message?: string } };
  lastState?: { terminated?: { reason?: string; exitCode?: number } };
}

/** Why one pod is not ready, or undefined when it is (or nothing tells). */
export function podProblem(pod: KubeObject): string | undefined {
  const status = tree(pod.status);
  const podConditions = Array.isArray(status.conditions) ? (status.conditions as Condition[]) : [];
  const scheduled = podConditions.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') return `${scheduled.reason ?? 'Unschedulable'}${scheduled.message ? `: ${scheduled.message}` : ''}`;
  const all = [
    ...((status.initContainerStatuses as ContainerStatus[] | undefined) ?? []),
    ...((status.containerStatuses as ContainerStatus[] | undefined) ?? []),
  ];
  for (const c of all) {
    const waiting = c.state?.waiting;
    if (waiting?.reason && waiting.reason !== 'ContainerCreating' && waiting.reason !== 'PodInitializing') {
      const last = c.lastState?.terminated;
      const exit = waiting.reason === 'CrashLoopBackOff' && last ? ` (last exit code ${last.exitCode ?? '?'}${last.reason ? `, ${last.reason}` : ''})` : '';
      return `container ${c.name ?? '?'}: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}${exit}`;
    }
    const terminated = c.state?.terminated;
    if (terminated && terminated.exitCode !== 0) {
      return `container ${c.name ?? '?'}: terminated (${terminated.reason ?? 'Error'}, exit code ${terminated.exitCode ?? '?'})`;
    }
  }
  if (status.phase === 'Pending' && all.length === 0) return 'Pending';
  const ready = podConditions.find((c) => c.type === 'Ready');
  if (ready?.status === 'False' && all.some((c) => c.ready === false)) {
    const names = all.filter((c) => c.ready === false).map((c) => c.name ?? '?');
    return `container${names.length > 1 ? 's' : ''} ${names.join(', ')} not ready${ready.message ? ` (${ready.message})` : ''}`;
  }
  return undefined;
}

/** The most recent Warning Event about one of `names` (a pod or the workload), as `Reason: message`. */
export function latestWarning(events: readonly KubeObject[], names: ReadonlySet<string>): string | undefined {
  const relevant = events
    .filter((e) => e.type === 'Warning' && names.has(String(tree(e.involvedObject).name ?? '')))
    .sort((a, b) => eventTime(b).localeCompare(eventTime(a)));
  const e = relevant[0];
  if (!e) return undefined;
  return `${String(e.reason ?? 'Warning')}: ${String(e.message ?? '').trim()}`;
}

function eventTime(e: KubeObject): string {
  return String(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '');
}

/**
 * One line per unready pod (`pod istiod-5f9c-abcde: container discovery: ImagePullBackOff: ...`), with the
 * latest Warning Event when the pod status alone says nothing; at most `max` lines.
 */
export function workloadReasons(pods: readonly KubeObject[], events: readonly KubeObject[], max = 3): string[] {
  const out: string[] = [];
  for (const pod of [...pods].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))) {
    const name = pod.metadata.name ?? '?';
    const problem = podProblem(pod) ?? latestWarning(events, new Set([name]));
    if (problem) out.push(`pod ${name}: ${problem}`);
    if (out.length >= max) break;
  }
  return out;
}
