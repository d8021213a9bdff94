/**
 * Objects a run adds to the snapshot itself, as Istio's analysis does: the mesh config and mesh networks as
 * resources (`MeshConfig <istio-ns>/meshconfig`, `MeshNetworks <istio-ns>/meshnetworks`), and, for an offline
 * analysis, a stand-in ingress gateway (a Pod and its Service in the Istio namespace) unless the mesh config turns
 * the ingress controller off, so that Gateways selecting `istio: ingressgateway` are not reported for lack of one.
 */
import type { PlainObject } from './snapshot.js';
import type { MeshSettings } from './types.js';

/** The mesh settings as resources, named as Istio names them. */
export function meshResources(mesh: MeshSettings): PlainObject[] {
  return [
    { apiVersion: 'v1alpha1', kind: 'MeshConfig', metadata: { name: 'meshconfig', namespace: mesh.istioNamespace }, spec: mesh.meshConfig },
    { apiVersion: 'v1alpha1', kind: 'MeshNetworks', metadata: { name: 'meshnetworks', namespace: mesh.istioNamespace }, spec: mesh.meshNetworks },
  ];
}

const INGRESS_PORTS: ReadonlyArray<[string, number]> = [
  ['http2', 80],
  ['https', 443],
  ['tcp', 31400],
  ['tls', 15443],
];

/** The stand-in ingress gateway of an offline analysis; none when `ingressControllerMode` is OFF. */
export function defaultIngressGateway(mesh: MeshSettings): PlainObject[] {
  const mode = mesh.meshConfig.ingressControllerMode;
  if (mode === false || (typeof mode === 'string' && mode.toUpperCase() === 'OFF')) return [];
  const service = typeof mesh.meshConfig.ingressService === 'string' && mesh.meshConfig.ingressService !== '' ? mesh.meshConfig.ingressService : 'istio-ingressgateway';
  const selector = { istio: 'ingressgateway' };
  return [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${service}-dummypod`, namespace: mesh.istioNamespace, labels: selector },
      spec: { containers: [{ name: 'istio-proxy' }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: service, namespace: mesh.istioNamespace },
      spec: { selector, ports: INGRESS_PORTS.map(([name, port]) => ({ name, port, protocol: 'TCP', targetPort: port })) },
    },
  ];
}
