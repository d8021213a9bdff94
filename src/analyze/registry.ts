/**
 * Every analyzer, under Istio's names, sorted by name (a meta-test checks the order, uniqueness, descriptions and
 * inputs). One line per analyzer: add yours in its sorted place. sailctl's earlier names are `meta.aliases`.
 */
import { annotationsAlpha } from './analyzers/annotations-alpha.js';
import { annotationsK8s } from './analyzers/annotations.js';
import { applicationUid } from './analyzers/application-uid.js';
import { authzPolicies } from './analyzers/authz-policies.js';
import { conditions } from './analyzers/conditions.js';
import { deploymentServices } from './analyzers/deployment-services.js';
import { deprecation } from './analyzers/deprecation.js';
import { destinationRuleCaCertificate } from './analyzers/destinationrule-ca-certificate.js';
import { destinationRuleSubsetSelector } from './analyzers/destinationrule-subset-selector.js';
import { envoyFilterPatch } from './analyzers/envoyfilter-patch.js';
import { externalControlPlane } from './analyzers/externalcontrolplane.js';
import { gatewayCertificate } from './analyzers/gateway-certificate.js';
import { gatewayConflict } from './analyzers/gateway-conflict.js';
import { gatewayIngressPort } from './analyzers/gateway-ingress-port.js';
import { gatewaySecret } from './analyzers/gateway-secret.js';
import { imageAuto } from './analyzers/injection-image-auto.js';
import { injectionImage } from './analyzers/injection-image.js';
import { injection } from './analyzers/injection.js';
import { k8sGatewayCrdVersion } from './analyzers/k8sgateway-crd-version.js';
import { k8sGatewaySelector } from './analyzers/k8sgateway-selector.js';
import { meshNetworks } from './analyzers/meshnetworks.js';
import { multiClusterService } from './analyzers/multicluster-service.js';
import { requestAuthnJwks } from './analyzers/requestauthn-jwks.js';
import { schemaValidation } from './analyzers/schema-validation.js';
import { servicePortName } from './analyzers/service-port-name.js';
import { serviceEntryAddresses } from './analyzers/serviceentry-addresses.js';
import { serviceEntryProtocol } from './analyzers/serviceentry-protocol.js';
import { sidecarSelector } from './analyzers/sidecar-selector.js';
import { telemetryDefaultSelector } from './analyzers/telemetry-default-selector.js';
import { telemetryLightstep } from './analyzers/telemetry-lightstep.js';
import { telemetryProvider } from './analyzers/telemetry-provider.js';
import { telemetrySelector } from './analyzers/telemetry-selector.js';
import { virtualServiceConflictingMeshHosts } from './analyzers/virtualservice-conflicting-mesh-hosts.js';
import { virtualServiceDestinationHost } from './analyzers/virtualservice-destination-host.js';
import { virtualServiceDestinationRule } from './analyzers/virtualservice-destination-rule.js';
import { virtualServiceGateway } from './analyzers/virtualservice-gateway.js';
import { virtualServiceJwtClaimRoute } from './analyzers/virtualservice-jwt-claim-route.js';
import { webhook } from './analyzers/webhook.js';
import type { Analyzer } from './types.js';

export const ANALYZERS: readonly Analyzer[] = [
  annotationsAlpha,
  annotationsK8s,
  applicationUid,
  authzPolicies,
  requestAuthnJwks,
  conditions,
  deploymentServices,
  deprecation,
  destinationRuleCaCertificate,
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
  schemaValidation.AuthorizationPolicy,
  schemaValidation.DestinationRule,
  schemaValidation.EnvoyFilter,
  schemaValidation.Gateway,
  schemaValidation.MeshConfig,
  schemaValidation.MeshNetworks,
  schemaValidation.PeerAuthentication,
  schemaValidation.ProxyConfig,
  schemaValidation.RequestAuthentication,
  schemaValidation.ServiceEntry,
  schemaValidation.Sidecar,
  schemaValidation.Telemetry,
  schemaValidation.TrafficExtension,
  schemaValidation.VirtualService,
  schemaValidation.WasmPlugin,
  schemaValidation.WorkloadEntry,
  schemaValidation.WorkloadGroup,
  servicePortName,
  serviceEntryAddresses,
  serviceEntryProtocol,
  multiClusterService,
  sidecarSelector,
  telemetryDefaultSelector,
  telemetryLightstep,
  telemetryProvider,
  telemetrySelector,
  virtualServiceConflictingMeshHosts,
  virtualServiceDestinationHost,
  virtualServiceDestinationRule,
  virtualServiceGateway,
  virtualServiceJwtClaimRoute,
  webhook,
];

/** Analyzers run when none is named: all but the opt-in ones (as Istio's default set). */
export const DEFAULT_ANALYZERS: readonly Analyzer[] = ANALYZERS.filter((a) => !a.meta.optIn);

export interface Selection {
  selected: Analyzer[];
  /** Names that matched no analyzer. */
  unknown: string[];
  /** True when no name matched anything, so every default analyzer runs (as istioctl does). */
  fellBackToAll: boolean;
}

function pattern(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
}

/**
 * The analyzers `--analyzer` names: Istio's name or an earlier sailctl name (exact, any case), a `prefix` that
 * stops at a dot (`gateway`, `schema.ValidationAnalyzer`), or a `*` glob. Like istioctl, when no name matches
 * any analyzer every default analyzer runs; names that match nothing are returned for a warning.
 */
export function selectAnalyzers(names: readonly string[], all: readonly Analyzer[] = ANALYZERS): Selection {
  const defaults = all.filter((a) => !a.meta.optIn);
  if (names.length === 0) return { selected: defaults, unknown: [], fellBackToAll: false };
  const unknown: string[] = [];
  const chosen = new Set<Analyzer>();
  for (const name of names) {
    const re = pattern(name);
    const lower = name.toLowerCase();
    const hits = all.filter((a) => [a.meta.name, ...(a.meta.aliases ?? [])].some((n) => re.test(n) || n.toLowerCase().startsWith(`${lower}.`)));
    if (hits.length === 0) unknown.push(name);
    for (const h of hits) chosen.add(h);
  }
  if (chosen.size === 0) return { selected: defaults, unknown, fellBackToAll: true };
  return { selected: all.filter((a) => chosen.has(a)), unknown, fellBackToAll: false };
}

/** Union of the kinds the analyzers read, sorted. */
export function inputKinds(analyzers: readonly Analyzer[]): string[] {
  return [...new Set(analyzers.flatMap((a) => a.meta.inputs))].sort();
}
