/**
 * Every analysis message sailctl can emit. Codes, names, levels and argument names are Istio's (so existing
 * suppressions and CI rules keep working); the wording is sailctl's own. A code never changes meaning.
 * Keep the entries ordered by code (continued from codes-0001-0139.ts).
 */
import { define, list, quote } from './define.js';

const s = (name: string) => ({ name, type: 'string' }) as const;
const n = (name: string) => ({ name, type: 'int' }) as const;
const ss = (name: string) => ({ name, type: 'string[]' }) as const;
const ns = (name: string) => ({ name, type: 'int[]' }) as const;
const e = (name: string) => ({ name, type: 'error' }) as const;

export const IngressRouteRulesNotAffected = define({
  code: 'IST0140', name: 'IngressRouteRulesNotAffected', level: 'Warning', args: [s('virtualservicesubset'), s('virtualservice')],
  description: 'A subset in a route is ignored for traffic entering through an ingress gateway.',
  text: (subset, vs) => `The subset routing of VirtualService ${subset} does not apply to requests that VirtualService ${vs} routes from the ingress gateway`,
});

export const InsufficientPermissions = define({
  code: 'IST0141', name: 'InsufficientPermissions', level: 'Error', args: [s('resource'), s('error')],
  description: 'The current user lacks a permission needed to install Istio.',
  text: (resource, error) => `Not allowed to create ${resource} (${error})`,
});

export const UnsupportedKubernetesVersion = define({
  code: 'IST0142', name: 'UnsupportedKubernetesVersion', level: 'Error', args: [s('version'), s('minimumVersion')],
  description: 'The cluster runs a Kubernetes version this Istio does not support.',
  text: (version, minimum) => `Kubernetes ${quote(version)} is older than the oldest supported version ${minimum}`,
});

export const LocalhostListener = define({
  code: 'IST0143', name: 'LocalhostListener', level: 'Error', args: [s('port')],
  description: 'A Service port is served by a process listening only on localhost.',
  text: (port) => `Port ${port} is published by a Service but the workload listens on localhost only, so other pods cannot reach it.`,
});

export const InvalidApplicationUID = define({
  code: 'IST0144', name: 'InvalidApplicationUID', level: 'Warning', args: [],
  description: 'An application container runs as UID 1337, which Istio reserves for its proxy.',
  text: () => 'The container runs as UID 1337, which is reserved for the Istio proxy; its traffic would bypass the sidecar.',
});

export const ConflictingGateways = define({
  code: 'IST0145', name: 'ConflictingGateways', level: 'Error', args: [s('gateway'), s('selector'), s('portnumber'), s('hosts')],
  description: 'Two gateways with the same selector listen on the same port for overlapping hosts.',
  text: (gw, selector, port, hosts) => `Conflicts with gateway ${gw}: same workload selector ${selector}, port ${port} and hosts ${hosts}`,
});

export const ImageAutoWithoutInjectionWarning = define({
  code: 'IST0146', name: 'ImageAutoWithoutInjectionWarning', level: 'Warning', args: [s('resourceType'), s('resourceName')],
  description: 'A workload uses `image: auto` but is not selected for injection, so the image is never filled in.',
  text: (type, name) => `${type} ${name} uses \`image: auto\` but no Istio injection webhook selects it, so the image will not be replaced.`,
});

export const ImageAutoWithoutInjectionError = define({
  code: 'IST0147', name: 'ImageAutoWithoutInjectionError', level: 'Error', args: [s('resourceType'), s('resourceName')],
  description: 'A pod uses `image: auto` but is not selected for injection, so it cannot start.',
  text: (type, name) => `${type} ${name} uses \`image: auto\` but no Istio injection webhook selects it, so the image is never resolved.`,
});

export const NamespaceInjectionEnabledByDefault = define({
  code: 'IST0148', name: 'NamespaceInjectionEnabledByDefault', level: 'Info', args: [],
  description: 'Injection applies to this namespace by default because the mesh enables it for all namespaces.',
  text: () => 'gets sidecars by default: Istio is installed with enableNamespacesByDefault=true and the namespace has no injection label.',
});

export const JwtClaimBasedRoutingWithoutRequestAuthN = define({
  code: 'IST0149', name: 'JwtClaimBasedRoutingWithoutRequestAuthN', level: 'Error', args: [s('key'), s('gateway'), s('pod')],
  description: 'Routing on JWT claims needs a RequestAuthentication for the gateway workloads.',
  text: (key, gw, pod) =>
    `Routes on JWT claim ${key}, but no RequestAuthentication applies to gateway ${gw} (pod ${pod}); the claim is never validated, so it cannot be routed on.`,
});

export const ExternalNameServiceTypeInvalidPortName = define({
  code: 'IST0150', name: 'ExternalNameServiceTypeInvalidPortName', level: 'Warning', args: [],
  description: 'An ExternalName service port name does not declare a protocol.',
  text: () => 'This ExternalName service has a port name without a protocol prefix; TCP traffic to it may not be forwarded.',
});

export const EnvoyFilterUsesRelativeOperation = define({
  code: 'IST0151', name: 'EnvoyFilterUsesRelativeOperation', level: 'Warning', args: [],
  description: 'A relative patch without a priority may be applied out of order or not at all.',
  text: () => 'This EnvoyFilter uses a relative patch operation and has no priority, so it may not be applied; set a priority or use INSERT_FIRST/ADD.',
});

export const EnvoyFilterUsesReplaceOperationIncorrectly = define({
  code: 'IST0152', name: 'EnvoyFilterUsesReplaceOperationIncorrectly', level: 'Error', args: [],
  description: 'REPLACE is used where only HTTP_FILTER and NETWORK_FILTER accept it.',
  text: () => 'REPLACE works only with applyTo HTTP_FILTER or NETWORK_FILTER.',
});

export const EnvoyFilterUsesAddOperationIncorrectly = define({
  code: 'IST0153', name: 'EnvoyFilterUsesAddOperationIncorrectly', level: 'Error', args: [],
  description: 'ADD is ignored for ROUTE_CONFIGURATION and HTTP_ROUTE.',
  text: () => 'ADD is ignored when applyTo is ROUTE_CONFIGURATION or HTTP_ROUTE.',
});

export const EnvoyFilterUsesRemoveOperationIncorrectly = define({
  code: 'IST0154', name: 'EnvoyFilterUsesRemoveOperationIncorrectly', level: 'Error', args: [],
  description: 'REMOVE is ignored for ROUTE_CONFIGURATION and HTTP_ROUTE.',
  text: () => 'REMOVE is ignored when applyTo is ROUTE_CONFIGURATION or HTTP_ROUTE.',
});

export const EnvoyFilterUsesRelativeOperationWithProxyVersion = define({
  code: 'IST0155', name: 'EnvoyFilterUsesRelativeOperationWithProxyVersion', level: 'Warning', args: [],
  description: 'A relative patch tied to a proxy version and without a priority may stop applying during upgrades.',
  text: () =>
    'This EnvoyFilter uses a relative patch operation with a proxyVersion match and no priority; during an upgrade it may not be applied. Set a priority or use INSERT_FIRST/ADD.',
});

export const UnsupportedGatewayAPIVersion = define({
  code: 'IST0156', name: 'UnsupportedGatewayAPIVersion', level: 'Error', args: [s('version'), s('minimumVersion')],
  description: 'The installed Gateway API CRDs are older than this Istio supports.',
  text: (version, minimum) => `Gateway API CRDs at ${version} are older than the supported minimum ${minimum}`,
});

export const InvalidTelemetryProvider = define({
  code: 'IST0157', name: 'InvalidTelemetryProvider', level: 'Warning', args: [s('name'), s('namespace')],
  description: 'A Telemetry names an empty provider list and will be ignored.',
  text: (name, ns1) => `Telemetry ${name} in namespace ${quote(ns1)} has an empty provider list and is ignored.`,
});

export const PodsIstioProxyImageMismatchInNamespace = define({
  code: 'IST0158', name: 'PodsIstioProxyImageMismatchInNamespace', level: 'Warning', args: [ss('podNames')],
  description: 'Pods run an older proxy image than injection would give them now.',
  text: (pods) => `Pods ${list(pods)} run a proxy image other than the one injection uses now (typical after a control-plane upgrade); redeploy them.`,
});

export const ConflictingTelemetryWorkloadSelectors = define({
  code: 'IST0159', name: 'ConflictingTelemetryWorkloadSelectors', level: 'Error', args: [ss('conflictingTelemetries'), s('namespace'), s('workloadPod')],
  description: 'Two Telemetry resources select the same workload.',
  text: (items, ns1, pod) => `Telemetries ${list(items)} in namespace ${quote(ns1)} all select pod ${quote(pod)}; which one applies is undefined.`,
});

export const MultipleTelemetriesWithoutWorkloadSelectors = define({
  code: 'IST0160', name: 'MultipleTelemetriesWithoutWorkloadSelectors', level: 'Error', args: [ss('conflictingTelemetries'), s('namespace')],
  description: 'A namespace has more than one Telemetry without a workload selector.',
  text: (items, ns1) => `Telemetries ${list(items)} in namespace ${quote(ns1)} have no workload selector; only one namespace-wide Telemetry can apply.`,
});

export const InvalidGatewayCredential = define({
  code: 'IST0161', name: 'InvalidGatewayCredential', level: 'Error', args: [s('gatewayName'), s('gatewayNamespace')],
  description: 'The TLS credential a Gateway uses is not a usable certificate and key.',
  text: (gw, ns1) => `Gateway ${gw} in namespace ${ns1} uses a credential that is not a valid certificate and key; TLS on it will fail.`,
});

export const GatewayPortNotDefinedOnService = define({
  code: 'IST0162', name: 'GatewayPortNotDefinedOnService', level: 'Warning', args: [n('port'), s('selector')],
  description: 'A Gateway listens on a port that the Service of its workload does not expose.',
  text: (port, selector) => `The gateway listens on port ${port}, which no Service for its pods (selector ${selector}) exposes; it cannot be reached through the Service.`,
});

export const InvalidExternalControlPlaneConfig = define({
  code: 'IST0163', name: 'InvalidExternalControlPlaneConfig', level: 'Warning', args: [s('hostname'), s('webhook'), s('msg')],
  description: 'The address of the external control plane in a webhook is not usable.',
  text: (host, webhook, msg) => `Webhook ${webhook} reaches the external control plane at ${host}, which ${msg}; traffic may not flow.`,
});

export const ExternalControlPlaneAddressIsNotAHostname = define({
  code: 'IST0164', name: 'ExternalControlPlaneAddressIsNotAHostname', level: 'Info', args: [s('hostname'), s('webhook')],
  description: 'A webhook reaches the external control plane by IP address rather than host name.',
  text: (host, webhook) => `Webhook ${webhook} reaches the external control plane at the IP address ${host}; use a host name in production.`,
});

export const ReferencedInternalGateway = define({
  code: 'IST0165', name: 'ReferencedInternalGateway', level: 'Warning', args: [s('virtualservice'), s('gateway')],
  description: 'A VirtualService binds to a Gateway that Istio generates internally.',
  text: (vs, gw) => `VirtualService ${vs} refers to ${gw}, a gateway Istio generates internally; refer to your own Gateway instead.`,
});

export const IneffectiveSelector = define({
  code: 'IST0166', name: 'IneffectiveSelector', level: 'Warning', args: [s('gateway')],
  description: 'A workload selector does nothing on a Kubernetes Gateway; targetRef is needed.',
  text: (gw) => `The selector does nothing for Kubernetes Gateway ${gw}; use targetRef instead.`,
});

export const IneffectivePolicy = define({
  code: 'IST0167', name: 'IneffectivePolicy', level: 'Warning', args: [s('reason')],
  description: 'The policy has no effect.',
  text: (reason) => `This policy has no effect: ${reason}.`,
});

export const UnknownUpgradeCompatibility = define({
  code: 'IST0168', name: 'UnknownUpgradeCompatibility', level: 'Warning', args: [s('field'), s('release'), s('info'), s('compatVersion')],
  description: 'A setting changed default in a release, and sailctl cannot tell whether you rely on it.',
  text: (field, release, info, compat) =>
    `${quote(field)} changed in ${release}, and whether this configuration depends on it cannot be told: ${info}. To keep the old behaviour, install with --set compatibilityVersion=${compat}.`,
});

export const UpdateIncompatibility = define({
  code: 'IST0169', name: 'UpdateIncompatibility', level: 'Warning', args: [s('field'), s('release'), s('info'), s('compatVersion')],
  description: 'The configuration relies on a default that changed in a release.',
  text: (field, release, info, compat) =>
    `${quote(field)} changed in ${release}: ${info}. To keep the old behaviour, install with --set compatibilityVersion=${compat}.`,
});

export const MultiClusterInconsistentService = define({
  code: 'IST0170', name: 'MultiClusterInconsistentService', level: 'Warning', args: [s('serviceName'), s('namespace'), ss('clusters'), s('error')],
  description: 'The same service differs between the clusters of a multicluster mesh.',
  text: (svc, ns1, clusters, error) => `Service ${svc} in namespace ${quote(ns1)} differs between clusters ${list(clusters)}: ${error}.`,
});

export const NegativeConditionStatus = define({
  code: 'IST0171', name: 'NegativeConditionStatus', level: 'Warning', args: [s('conditionType'), s('reason'), s('message')],
  description: 'The resource status reports a failing condition.',
  text: (type, reason, message) => `Status condition ${type} is failing (reason ${reason}): ${message}`,
});

export const FutureUnsupportedGatewayAPIVersion = define({
  code: 'IST0172', name: 'FutureUnsupportedGatewayAPIVersion', level: 'Warning', args: [s('version'), s('minimumVersion')],
  description: 'The installed Gateway API CRDs will soon be older than the supported minimum.',
  text: (version, minimum) => `Gateway API CRDs at ${version} will not be supported by upcoming Istio releases (minimum ${minimum})`,
});

export const DestinationRuleSubsetNotSelectPods = define({
  code: 'IST0173', name: 'DestinationRuleSubsetNotSelectPods', level: 'Error', args: [s('subset')],
  description: 'A DestinationRule subset selects no pods, so routes to it fail.',
  text: (subset) => `Subset ${subset} selects no pods; requests routed to it fail with 503 (no healthy upstream).`,
});

export const UnknownDestinationRuleHost = define({
  code: 'IST0174', name: 'UnknownDestinationRuleHost', level: 'Warning', args: [s('host')],
  description: 'A DestinationRule host matches no service in the mesh.',
  text: (host) => `Host ${host} matches no Service or ServiceEntry in the mesh, so this rule applies to nothing`,
});

export const JwksUriFetchUnrestricted = define({
  code: 'IST0175', name: 'JwksUriFetchUnrestricted', level: 'Warning', args: [n('count'), s('names')],
  description: 'RequestAuthentications exist while istiod may fetch JWKS from any address.',
  text: (count, names) =>
    `${count} RequestAuthentication resource(s) (${names}) exist but istiod has no BLOCKED_CIDRS_IN_JWKS_URIS; consider limiting where JWKS keys are fetched from.`,
});

export const GatewayAPICRDVersionBelowMinimum = define({
  code: 'IST0176', name: 'GatewayAPICRDVersionBelowMinimum', level: 'Warning', args: [s('crd'), s('installedVersion'), s('minimumVersion')],
  description: 'A Gateway API CRD is older than this Istio needs; its resources are ignored.',
  text: (crd, installed, minimum) => `CRD ${quote(crd)} is at ${quote(installed)} but at least ${quote(minimum)} is needed; its resources are ignored until it is upgraded.`,
});

export const ConflictingServiceEntryProtocol = define({
  code: 'IST0177', name: 'ConflictingServiceEntryProtocol', level: 'Warning', args: [s('serviceEntryNames'), s('host'), n('port'), s('protocols')],
  description: 'ServiceEntries give one host and port different protocols.',
  text: (names, host, port, protocols) => `ServiceEntries ${names} give host ${quote(host)} port ${port} different protocols (${protocols}).`,
});
