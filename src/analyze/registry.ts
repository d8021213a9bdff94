/**
 * Every analyzer, sorted by name (a meta-test checks the order, uniqueness, descriptions and inputs).
 * One line per analyzer: add yours in its sorted place.
 */
import type { Analyzer } from './types.js';
import { multiClusterService } from './analyzers/multicluster-service.js';
import { meshNetworks } from './analyzers/meshnetworks.js';
import { requestAuthnJwks } from './analyzers/requestauthn-jwks.js';
import { k8sGatewayCrdVersion } from './analyzers/k8sgateway-crd-version.js';
import { k8sGatewaySelector } from './analyzers/k8sgateway-selector.js';
import { externalControlPlane } from './analyzers/externalcontrolplane.js';
import { telemetryLightstep } from './analyzers/telemetry-lightstep.js';
import { envoyFilterPatch } from './analyzers/envoyfilter-patch.js';
import { authzPolicies } from './analyzers/authz-policies.js';
import { telemetryProvider } from './analyzers/telemetry-provider.js';
import { telemetryDefaultSelector } from './analyzers/telemetry-default-selector.js';
import { telemetrySelector } from './analyzers/telemetry-selector.js';
import { sidecarSelector } from './analyzers/sidecar-selector.js';
import { sidecarDefaultSelector } from './analyzers/sidecar-default-selector.js';
import { applicationUid } from './analyzers/application-uid.js';
import { conditions } from './analyzers/conditions.js';
import { deploymentServices } from './analyzers/deployment-services.js';
import { serviceEntryAddresses } from './analyzers/serviceentry-addresses.js';
import { serviceEntryProtocol } from './analyzers/serviceentry-protocol.js';
import { webhook } from './analyzers/webhook.js';
import { annotationsK8s } from './analyzers/annotations.js';
import { deprecation } from './analyzers/deprecation.js';
import { destinationRuleCaCertificate } from './analyzers/destinationrule-ca-certificate.js';
import { destinationRuleHost } from './analyzers/destinationrule-host.js';
import { destinationRuleSubsetSelector } from './analyzers/destinationrule-subset-selector.js';
import { gatewayCertificate } from './analyzers/gateway-certificate.js';
import { gatewayConflict } from './analyzers/gateway-conflict.js';
import { gatewayIngressPort } from './analyzers/gateway-ingress-port.js';
import { gatewaySecret } from './analyzers/gateway-secret.js';
import { imageAuto } from './analyzers/injection-image-auto.js';
import { injection } from './analyzers/injection.js';
import { injectionImage } from './analyzers/injection-image.js';
import { schemaValidation } from './analyzers/schema-validation.js';
import { schemaVirtualServiceRules } from './analyzers/schema-virtualservice-rules.js';
import { servicePortName } from './analyzers/service-port-name.js';
import { virtualServiceConflictingMeshHosts } from './analyzers/virtualservice-conflicting-mesh-hosts.js';
import { virtualServiceDestinationHost } from './analyzers/virtualservice-destination-host.js';
import { virtualServiceDestinationRule } from './analyzers/virtualservice-destination-rule.js';
import { virtualServiceGateway } from './analyzers/virtualservice-gateway.js';
import { virtualServiceIngressSubset } from './analyzers/virtualservice-ingress-subset.js';
import { virtualServiceJwtClaimRoute } from './analyzers/virtualservice-jwt-claim-route.js';

export const ANALYZERS: readonly Analyzer[] = [
  annotationsK8s,
  applicationUid,
  authzPolicies,
  conditions,
  deploymentServices,
  deprecation,
  destinationRuleCaCertificate,
  destinationRuleHost,
  destinationRuleSubsetSelector,
  envoyFilterPatch,
  externalControlPlane,
  gatewayCertificate,
  gatewayConflict,
  gatewayIngressPort,
  gatewaySecret,
  injection,
  injectionImage,
  imageAuto,
  k8sGatewayCrdVersion,
  k8sGatewaySelector,
  meshNetworks,
  multiClusterService,
  requestAuthnJwks,
  schemaValidation,
  schemaVirtualServiceRules,
  servicePortName,
  serviceEntryAddresses,
  serviceEntryProtocol,
  sidecarDefaultSelector,
  sidecarSelector,
  telemetryDefaultSelector,
  telemetryLightstep,
  telemetryProvider,
  telemetrySelector,
  virtualServiceConflictingMeshHosts,
  virtualServiceDestinationHost,
  virtualServiceDestinationRule,
  virtualServiceGateway,
  virtualServiceIngressSubset,
  virtualServiceJwtClaimRoute,
  webhook,
];

/** Analyzers whose name matches one of `names` (exact, or a `prefix.` / `*` glob); all when `names` is empty. */
export function selectAnalyzers(names: readonly string[], all: readonly Analyzer[] = ANALYZERS): { selected: Analyzer[]; unknown: string[] } {
  if (names.length === 0) return { selected: [...all], unknown: [] };
  const unknown: string[] = [];
  const chosen = new Set<Analyzer>();
  for (const name of names) {
    const re = new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
    const hits = all.filter((a) => re.test(a.meta.name) || a.meta.name.toLowerCase().startsWith(`${name.toLowerCase()}.`));
    if (hits.length === 0) unknown.push(name);
    for (const h of hits) chosen.add(h);
  }
  return { selected: all.filter((a) => chosen.has(a)), unknown };
}

/** Union of the kinds the analyzers read, sorted. */
export function inputKinds(analyzers: readonly Analyzer[]): string[] {
  return [...new Set(analyzers.flatMap((a) => a.meta.inputs))].sort();
}
