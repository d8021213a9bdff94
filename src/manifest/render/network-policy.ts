/**
 * `values.global.networkPolicy.enabled`: a NetworkPolicy beside istiod, the CNI node agent and ztunnel, as
 * Istio's charts render (its legacy ingress/egress gateway charts have none), admitting the ports the workload
 * serves and any egress.
 */
import type { KubeObject } from '../../kube/types.js';
import { object } from './context.js';

export function networkPolicy(metadata: KubeObject['metadata'], podLabels: Record<string, string>, ports: number[]): KubeObject {
  return object('networking.k8s.io/v1', 'NetworkPolicy', metadata, {
    spec: {
      podSelector: { matchLabels: podLabels },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ ports: [...new Set(ports)].map((port) => ({ protocol: 'TCP', port })) }],
      egress: [{}],
    },
  });
}
