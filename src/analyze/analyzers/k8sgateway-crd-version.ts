/**
 * k8sgateway.CRDVersionAnalyzer: Istio watches each Gateway API kind at one API version; a CRD that does not
 * serve it (installed from an older Gateway API bundle) means its resources are not processed (IST0176).
 */
import { rec, records, str } from '../fields.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';

/** CRD name -> the API version Istio reads, and the Gateway API bundle that first served it. */
const REQUIRED: Readonly<Record<string, { version: string; bundle: string }>> = {
  'gatewayclasses.gateway.networking.k8s.io': { version: 'v1', bundle: 'v1.0.0' },
  'gateways.gateway.networking.k8s.io': { version: 'v1', bundle: 'v1.0.0' },
  'httproutes.gateway.networking.k8s.io': { version: 'v1', bundle: 'v1.0.0' },
  'grpcroutes.gateway.networking.k8s.io': { version: 'v1', bundle: 'v1.1.0' },
  'referencegrants.gateway.networking.k8s.io': { version: 'v1beta1', bundle: 'v0.6.0' },
  'tcproutes.gateway.networking.k8s.io': { version: 'v1alpha2', bundle: 'v0.5.0' },
  'tlsroutes.gateway.networking.k8s.io': { version: 'v1', bundle: 'v1.5.0' },
  'backendtlspolicies.gateway.networking.k8s.io': { version: 'v1', bundle: 'v1.4.0' },
};

export const k8sGatewayCrdVersion: Analyzer = {
  meta: {
    name: 'k8sgateway.CRDVersionAnalyzer',
    description: 'Checks that installed Gateway API CRDs serve the versions Istio reads',
    inputs: [K.CustomResourceDefinition],
  },
  analyze(ctx) {
    for (const crd of ctx.all(K.CustomResourceDefinition)) {
      const need = REQUIRED[crd.name];
      if (!need) continue;
      const versions = records(crd.spec.versions).filter(([v]) => rec(v).served !== false);
      if (versions.some(([v]) => str(v.name) === need.version)) continue;
      const installed = crd.annotations['gateway.networking.k8s.io/bundle-version'] ?? versions.map(([v]) => str(v.name) ?? '?').join(', ');
      ctx.report({ resource: crd, path: ['spec', 'versions'], message: M.GatewayAPICRDVersionBelowMinimum(crd.name, installed, need.bundle) });
    }
  },
};
