/**
 * Simulated controllers, driven by store events and timers: Deployment -> ReplicaSet -> Pods (with
 * pod-template-hash; template changes roll to a new ReplicaSet), DaemonSet -> one pod per Node, StatefulSet ->
 * name-0..n-1. Pods become Ready after readyDelayMs; workload status follows. `keepUnready` holds one pod of a
 * workload waiting (e.g. ImagePullBackOff) and records a Warning Event.
 */
import type { KubeObject } from '../../../src/kube/types.js';
import type { ResourceType } from './kinds.js';
import { timestamp, type ObjectApi } from './objects.js';
import { failedEvent, heldStatus, isReady, podFromTemplate, readyStatus, shortHash } from './pods.js';
import type { StoreEvent } from './store.js';

type Obj = Record<string, any>;
const WORKLOADS: Record<string, string> = { 'apps/deployments': 'Deployment', 'apps/replicasets': 'ReplicaSet', 'apps/daemonsets': 'DaemonSet', 'apps/statefulsets': 'StatefulSet' };

export class Controllers {
  private queue = new Set<string>();
  private flushing: NodeJS.Immediate | undefined;
  private timers = new Map<string, NodeJS.Timeout>();
  private held = new Map<string, { reason: string; pod?: string }>();
  private unsubscribe: (() => void) | undefined;
  private ips = 0;
  private events = 0;
  private stopped = false;

  /** `ignored`: uids of seeded objects, stored as given and never reconciled or made ready. */
  constructor(private readonly api: ObjectApi, private readyDelayMs: number, private readonly ignored: Set<string>) {}

  private type(group: string, plural: string): ResourceType {
    return this.api.kinds.byResource(group, group ? 'v1' : 'v1', plural) as ResourceType;
  }

  start(): void {
    this.unsubscribe = this.api.store.subscribe((e) => this.observe(e));
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.flushing) clearImmediate(this.flushing);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  setReadyDelay(ms: number): void {
    this.readyDelayMs = ms;
  }

  keepUnready(namespace: string, workload: string, reason: string): () => void {
    const key = `${namespace}/${workload}`;
    this.held.set(key, { reason });
    const pods = this.podsOfWorkload(namespace, workload).filter((p) => isReady(p));
    if (pods[0]) this.hold(pods[0], key);
    return () => {
      const h = this.held.get(key);
      this.held.delete(key);
      if (!h?.pod) return;
      const pod = this.api.find(this.type('', 'pods'), namespace, h.pod);
      if (pod) this.scheduleReady(pod, 0);
    };
  }

  private enqueue(kind: string, namespace: string | undefined, name: string | undefined): void {
    if (this.stopped || !name) return;
    this.queue.add(`${kind}/${namespace ?? ''}/${name}`);
    this.flushing ??= setImmediate(() => this.flush());
  }

  private observe(e: StoreEvent): void {
    const o = e.object;
    if (this.ignored.has(o.metadata.uid ?? '')) {
      if (e.type === 'DELETED') this.ignored.delete(o.metadata.uid ?? '');
      return;
    }
    const kind = WORKLOADS[e.resource];
    if (kind) this.enqueue(kind, o.metadata.namespace, o.metadata.name);
    for (const ref of o.metadata.ownerReferences ?? []) {
      if (ref.controller && ['ReplicaSet', 'Deployment', 'DaemonSet', 'StatefulSet'].includes(ref.kind)) this.enqueue(ref.kind, o.metadata.namespace, ref.name);
    }
    if (e.resource === '/pods' && e.type === 'ADDED' && ((o.status as Obj)?.phase ?? 'Pending') === 'Pending') this.scheduleReady(o, this.readyDelayMs);
    if (e.resource === '/pods' && e.type === 'DELETED') {
      const t = this.timers.get(o.metadata.uid ?? '');
      if (t) clearTimeout(t);
      for (const h of this.held.values()) if (h.pod === o.metadata.name) delete h.pod;
    }
    if (e.resource === '/nodes') for (const ds of this.api.list(this.type('apps', 'daemonsets'))) this.enqueue('DaemonSet', ds.metadata.namespace, ds.metadata.name);
  }

  private flush(): void {
    this.flushing = undefined;
    const work = [...this.queue];
    this.queue.clear();
    for (const item of work) {
      const [kind, ns, name] = item.split('/') as [string, string, string];
      try {
        if (kind === 'Deployment') this.deployment(ns, name);
        else if (kind === 'ReplicaSet') this.replicaSet(ns, name);
        else if (kind === 'DaemonSet') this.daemonSet(ns, name);
        else if (kind === 'StatefulSet') this.statefulSet(ns, name);
      } catch {
        // the object changed or vanished meanwhile; a later event requeues it
      }
    }
  }

  private owned(t: ResourceType, owner: KubeObject): KubeObject[] {
    return this.api.list(t, owner.metadata.namespace).filter((o) => (o.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid));
  }

  private setStatus(t: ResourceType, o: KubeObject, status: Obj, manager: string): void {
    this.api.patch(t, o.metadata.namespace, o.metadata.name as string, (cur) => ({ ...cur, status }), { subresource: 'status', fieldManager: manager });
  }

  private deployment(ns: string, name: string): void {
    const dT = this.type('apps', 'deployments');
    const rsT = this.type('apps', 'replicasets');
    const d = this.api.find(dT, ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const spec = d.spec as Obj;
    const hash = shortHash(spec.template);
    const rsName = `${name}-${hash}`;
    const sets = this.owned(rsT, d);
    const desired = spec.paused ? undefined : (spec.replicas ?? 1);
    const revision = String(Math.max(0, ...sets.map((s) => Number(s.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0))) + 1);
    const current = sets.find((s) => s.metadata.name === rsName);
    if (!current && desired !== undefined) {
      const template = structuredClone(spec.template) as Obj;
      template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash } };
      this.api.create(rsT, ns, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          labels: template.metadata.labels,
          annotations: { 'deployment.kubernetes.io/revision': revision, 'deployment.kubernetes.io/desired-replicas': String(desired) },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }],
        },
        spec: { replicas: desired, selector: { matchLabels: { ...(spec.selector?.matchLabels ?? {}), 'pod-template-hash': hash } }, template },
      }, { fieldManager: 'kube-controller-manager' });
      return;
    }
    if (desired !== undefined) {
      for (const s of sets) {
        const want = s.metadata.name === rsName ? desired : 0;
        if ((s.spec as Obj).replicas !== want) {
          this.api.patch(rsT, ns, s.metadata.name as string, (cur) => ({ ...cur, spec: { ...(cur.spec as Obj), replicas: want } }), { fieldManager: 'kube-controller-manager' });
        }
      }
    }
    const podT = this.type('', 'pods');
    const pods = sets.flatMap((s) => this.owned(podT, s));
    const updated = current ? this.owned(podT, current) : [];
    const ready = pods.filter(isReady).length;
    const want = spec.replicas ?? 1;
    const available = ready >= want && updated.length === want && pods.length === want;
    const prev = (d.status ?? {}) as Obj;
    const now = timestamp();
    const condition = (type: string, status: string, reason: string, message: string): Obj => {
      const old = (prev.conditions ?? []).find((c: Obj) => c.type === type);
      const same = old && old.status === status && old.reason === reason;
      return { type, status, lastUpdateTime: same ? old.lastUpdateTime : now, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now, reason, message };
    };
    const status: Obj = {
      observedGeneration: d.metadata.generation,
      replicas: pods.length,
      updatedReplicas: updated.length,
      readyReplicas: ready,
      availableReplicas: ready,
      ...(pods.length - ready > 0 ? { unavailableReplicas: pods.length - ready } : {}),
      conditions: [
        ready >= want
          ? condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
          : condition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
        available
          ? condition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`)
          : condition('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`),
      ],
    };
    if (status.readyReplicas === 0) delete status.readyReplicas;
    if (status.availableReplicas === 0) delete status.availableReplicas;
    this.setStatus(dT, d, status, 'kube-controller-manager');
  }

  private replicaSet(ns: string, name: string): void {
    const rsT = this.type('apps', 'replicasets');
    const podT = this.type('', 'pods');
    const rs = this.api.find(rsT, ns, name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const spec = rs.spec as Obj;
    const pods = this.owned(podT, rs);
    const want = spec.replicas ?? 1;
    for (let i = pods.length; i < want; i++) {
      this.api.create(podT, ns, podFromTemplate(spec.template, rs, {}, undefined, `${name}-`, 'loopback-node'), { fieldManager: 'kube-controller-manager' });
    }
    for (const p of pods.slice(want).reverse()) this.api.delete(podT, ns, p.metadata.name as string);
    const live = this.owned(podT, rs);
    const ready = live.filter(isReady).length;
    this.setStatus(rsT, rs, {
      replicas: live.length,
      fullyLabeledReplicas: live.length,
      ...(ready ? { readyReplicas: ready, availableReplicas: ready } : {}),
      observedGeneration: rs.metadata.generation,
    }, 'kube-controller-manager');
  }

  private daemonSet(ns: string, name: string): void {
    const dsT = this.type('apps', 'daemonsets');
    const podT = this.type('', 'pods');
    const ds = this.api.find(dsT, ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const spec = ds.spec as Obj;
    const hash = shortHash(spec.template);
    const nodes = this.api.list(this.type('', 'nodes')).map((n) => n.metadata.name as string);
    const pods = this.owned(podT, ds);
    for (const p of pods) {
      if (p.metadata.labels?.['controller-revision-hash'] !== hash || !nodes.includes((p.spec as Obj).nodeName)) this.api.delete(podT, ns, p.metadata.name as string);
    }
    const current = this.owned(podT, ds);
    for (const node of nodes) {
      if (current.some((p) => (p.spec as Obj).nodeName === node)) continue;
      this.api.create(podT, ns, podFromTemplate(spec.template, ds, { 'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation) }, undefined, `${name}-`, node), { fieldManager: 'kube-controller-manager' });
    }
    const live = this.owned(podT, ds);
    const ready = live.filter(isReady).length;
    this.setStatus(dsT, ds, {
      currentNumberScheduled: live.length,
      desiredNumberScheduled: nodes.length,
      numberMisscheduled: 0,
      numberReady: ready,
      numberAvailable: ready,
      ...(nodes.length - ready > 0 ? { numberUnavailable: nodes.length - ready } : {}),
      updatedNumberScheduled: live.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash).length,
      observedGeneration: ds.metadata.generation,
    }, 'kube-controller-manager');
  }

  private statefulSet(ns: string, name: string): void {
    const stsT = this.type('apps', 'statefulsets');
    const podT = this.type('', 'pods');
    const sts = this.api.find(stsT, ns, name);
    if (!sts || sts.metadata.deletionTimestamp) return;
    const spec = sts.spec as Obj;
    const revision = `${name}-${shortHash(spec.template)}`;
    const want = spec.replicas ?? 1;
    for (const p of this.owned(podT, sts)) {
      const ordinal = Number(String(p.metadata.name).slice(name.length + 1));
      if (ordinal >= want || p.metadata.labels?.['controller-revision-hash'] !== revision) this.api.delete(podT, ns, p.metadata.name as string);
    }
    for (let i = 0; i < want; i++) {
      if (this.api.find(podT, ns, `${name}-${i}`)) continue;
      const labels = { 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': `${name}-${i}`, 'apps.kubernetes.io/pod-index': String(i) };
      this.api.create(podT, ns, podFromTemplate(spec.template, sts, labels, `${name}-${i}`, undefined, 'loopback-node'), { fieldManager: 'kube-controller-manager' });
    }
    const live = this.owned(podT, sts);
    const ready = live.filter(isReady).length;
    this.setStatus(stsT, sts, {
      observedGeneration: sts.metadata.generation,
      replicas: live.length,
      readyReplicas: ready,
      currentReplicas: live.length,
      updatedReplicas: live.length,
      availableReplicas: ready,
      currentRevision: revision,
      updateRevision: revision,
      collisionCount: 0,
    }, 'kube-controller-manager');
  }

  /** The workload (Deployment, DaemonSet, StatefulSet or bare ReplicaSet) a pod belongs to. */
  private workloadOf(pod: KubeObject): string | undefined {
    const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
    if (!ref) return undefined;
    if (ref.kind !== 'ReplicaSet') return ref.name;
    const rs = this.api.find(this.type('apps', 'replicasets'), pod.metadata.namespace, ref.name);
    const up = (rs?.metadata.ownerReferences ?? []).find((r) => r.controller && r.kind === 'Deployment');
    return up?.name ?? ref.name;
  }

  private podsOfWorkload(namespace: string, workload: string): KubeObject[] {
    return this.api.list(this.type('', 'pods'), namespace).filter((p) => this.workloadOf(p) === workload);
  }

  private scheduleReady(pod: KubeObject, delay: number): void {
    const uid = pod.metadata.uid ?? '';
    const old = this.timers.get(uid);
    if (old) clearTimeout(old);
    this.timers.set(uid, setTimeout(() => {
      this.timers.delete(uid);
      if (!this.stopped) this.becomeReady(pod.metadata.namespace as string, pod.metadata.name as string, uid);
    }, delay));
  }

  private becomeReady(ns: string, name: string, uid: string): void {
    const podT = this.type('', 'pods');
    const pod = this.api.find(podT, ns, name);
    if (!pod || pod.metadata.uid !== uid) return;
    const workload = this.workloadOf(pod);
    const key = `${ns}/${workload}`;
    const h = workload !== undefined ? this.held.get(key) : undefined;
    if (h && (!h.pod || h.pod === name || !this.api.find(podT, ns, h.pod))) {
      this.hold(pod, key);
      return;
    }
    const ip = ((pod.status as Obj)?.podIP as string | undefined) ?? `10.244.${Math.floor(this.ips / 250)}.${(this.ips++ % 250) + 2}`;
    this.setStatus(podT, pod, readyStatus(pod, ip, timestamp()), 'kubelet');
  }

  private hold(pod: KubeObject, key: string): void {
    const h = this.held.get(key);
    if (!h) return;
    h.pod = pod.metadata.name;
    const podT = this.type('', 'pods');
    const now = timestamp();
    this.setStatus(podT, pod, heldStatus(pod, h.reason, now), 'kubelet');
    this.api.create(this.type('', 'events'), pod.metadata.namespace, failedEvent(pod, h.reason, now, ++this.events), { fieldManager: 'kubelet' });
  }
}
