import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.js';
import { crdReadiness, podProblem, workloadReadiness, workloadReasons } from './status.js';

const deploy = (spec: Record<string, unknown>, status: Record<string, unknown>, generation = 2): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'istiod', namespace: 'istio-system', generation },
  spec,
  status,
});

describe('workloadReadiness', () => {
  it.each([
    ['ready', { replicas: 2 }, { observedGeneration: 2, updatedReplicas: 2, availableReplicas: 2 }, true, '2/2 replicas available'],
    ['old generation', { replicas: 1 }, { observedGeneration: 1, updatedReplicas: 1, availableReplicas: 1 }, false, 'waiting for the controller to see the new spec'],
    ['rolling', { replicas: 2 }, { observedGeneration: 2, updatedReplicas: 1, availableReplicas: 2 }, false, '1/2 replicas updated'],
    ['unavailable', {}, { observedGeneration: 2, updatedReplicas: 1, availableReplicas: 0 }, false, '0/1 replicas available'],
    ['scaled to zero', { replicas: 0 }, { observedGeneration: 2 }, true, '0/0 replicas available'],
  ])('%s', (_name, spec, status, ready, summary) => {
    expect(workloadReadiness(deploy(spec, status))).toEqual({ ready, summary });
  });

  it('daemon sets count scheduled pods', () => {
    const ds: KubeObject = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'cni', generation: 1 }, status: { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2 } };
    expect(workloadReadiness(ds)).toEqual({ ready: false, summary: '2/3 pods available' });
  });

  it('a stalled rollout says so', () => {
    const d = deploy({}, { observedGeneration: 2, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "x" has timed out progressing.' }] });
    expect(workloadReadiness(d).summary).toBe('rollout stalled: ReplicaSet "x" has timed out progressing.');
  });
});

describe('crdReadiness', () => {
  it('is ready when Established is True, and says why not otherwise', () => {
    const crd = (conditions: unknown[]): KubeObject => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x' }, status: { conditions } });
    expect(crdReadiness(crd([{ type: 'Established', status: 'True' }])).ready).toBe(true);
    expect(crdReadiness(crd([])).summary).toBe('not Established yet');
    expect(crdReadiness(crd([{ type: 'NamesAccepted', status: 'False', message: '"gateways" is already in use' }])).summary).toBe('not Established: "gateways" is already in use');
  });
});

const pod = (name: string, status: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, status });

describe('pod reasons', () => {
  it.each([
    ['image pull', { containerStatuses: [{ name: 'discovery', state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "x"' } } }] }, 'container discovery: ImagePullBackOff: Back-off pulling image "x"'],
    ['crash loop', { containerStatuses: [{ name: 'discovery', state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } }] }, 'container discovery: CrashLoopBackOff (last exit code 1, Error)'],
    ['unschedulable', { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.' }] }, 'Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.'],
    ['creating', { containerStatuses: [{ name: 'discovery', state: { waiting: { reason: 'ContainerCreating' } } }] }, undefined],
    ['running', { phase: 'Running', containerStatuses: [{ name: 'discovery', ready: true, state: { running: {} } }] }, undefined],
  ])('%s', (_name, status, expected) => {
    expect(podProblem(pod('p', status))).toBe(expected);
  });

  it('falls back to the latest Warning Event of the pod', () => {
    const events: KubeObject[] = [
      { apiVersion: 'v1', kind: 'Event', metadata: { name: 'a' }, type: 'Warning', reason: 'FailedMount', message: 'old', lastTimestamp: '2026-01-01T00:00:00Z', involvedObject: { name: 'p1' } },
      { apiVersion: 'v1', kind: 'Event', metadata: { name: 'b' }, type: 'Warning', reason: 'FailedMount', message: 'secret "cacerts" not found', lastTimestamp: '2026-01-01T00:01:00Z', involvedObject: { name: 'p1' } },
      { apiVersion: 'v1', kind: 'Event', metadata: { name: 'c' }, type: 'Normal', reason: 'Pulled', message: 'fine', lastTimestamp: '2026-01-01T00:02:00Z', involvedObject: { name: 'p1' } },
    ];
    expect(workloadReasons([pod('p1', { phase: 'Pending', containerStatuses: [{ name: 'x', state: { waiting: { reason: 'ContainerCreating' } } }] })], events)).toEqual([
      'pod p1: FailedMount: secret "cacerts" not found',
    ]);
  });
});
