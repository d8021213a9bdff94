/**
 * Every analysis message sailctl can emit. Codes, names, levels and argument names are Istio's (so existing
 * suppressions and CI rules keep working); the wording is sailctl's own. A code never changes meaning.
 * Keep the entries ordered by code.
 */
import { define, list, quote } from './define.js';

const s = (name: string) => ({ name, type: 'string' }) as const;
const n = (name: string) => ({ name, type: 'int' }) as const;
const ss = (name: string) => ({ name, type: 'string[]' }) as const;
const ns = (name: string) => ({ name, type: 'int[]' }) as const;
const e = (name: string) => ({ name, type: 'error' }) as const;

export const InternalError = define({
  code: 'IST0001', name: 'InternalError', level: 'Error', args: [s('detail')],
  description: 'The analysis itself failed; this is a bug in sailctl, not in your configuration.',
  text: (detail) => `Internal error while analyzing: ${detail}`,
});

export const Deprecated = define({
  code: 'IST0002', name: 'Deprecated', level: 'Warning', args: [s('detail')],
  description: 'The configuration relies on a feature that is deprecated and may be removed.',
  text: (detail) => `Uses a deprecated feature: ${detail}`,
});

export const ReferencedResourceNotFound = define({
  code: 'IST0101', name: 'ReferencedResourceNotFound', level: 'Error', args: [s('reftype'), s('refval')],
  description: 'The resource refers to another resource that does not exist.',
  text: (reftype, refval) => `The ${reftype} ${quote(refval)} it refers to does not exist`,
});

export const NamespaceNotInjected = define({
  code: 'IST0102', name: 'NamespaceNotInjected', level: 'Info', args: [s('namespace'), s('namespace2')],
  description: 'The namespace has no Istio injection label, so new pods in it get no sidecar.',
  text: (ns1, ns2) =>
    `Sidecar injection is not enabled for this namespace. Enable it with 'kubectl label namespace ${ns1} istio-injection=enabled', ` +
    `or record that it is not wanted with 'kubectl label namespace ${ns2} istio-injection=disabled'.`,
});

export const PodMissingProxy = define({
  code: 'IST0103', name: 'PodMissingProxy', level: 'Warning', args: [s('podName')],
  description: 'A pod that should have the Istio sidecar is running without it.',
  text: (pod) => `Pod ${pod} has no Istio proxy although its namespace asks for injection; restarting or redeploying the workload usually fixes it.`,
});

export const SchemaValidationError = define({
  code: 'IST0106', name: 'SchemaValidationError', level: 'Error', args: [e('err')],
  description: 'The resource does not satisfy the schema of its kind.',
  text: (err) => `Invalid resource: ${err}`,
});

export const MisplacedAnnotation = define({
  code: 'IST0107', name: 'MisplacedAnnotation', level: 'Warning', args: [s('annotation'), s('kind')],
  description: 'An Istio annotation is set on a kind of resource where it has no effect.',
  text: (annotation, kind) => `Annotation ${annotation} has no effect here; it belongs on ${kind}`,
});

export const UnknownAnnotation = define({
  code: 'IST0108', name: 'UnknownAnnotation', level: 'Warning', args: [s('annotation')],
  description: 'An annotation in an Istio domain is not one Istio knows.',
  text: (annotation) => `Istio does not know the annotation ${annotation} (a typo?)`,
});

export const ConflictingMeshGatewayVirtualServiceHosts = define({
  code: 'IST0109', name: 'ConflictingMeshGatewayVirtualServiceHosts', level: 'Error', args: [s('virtualServices'), s('host')],
  description: 'Several VirtualServices bound to the mesh gateway claim the same host.',
  text: (vss, host) => `VirtualServices ${vss} all apply to host ${host} on the mesh gateway; which one wins is undefined. Merge them into one VirtualService.`,
});

export const ConflictingSidecarWorkloadSelectors = define({
  code: 'IST0110', name: 'ConflictingSidecarWorkloadSelectors', level: 'Error', args: [ss('conflictingSidecars'), s('namespace'), s('workloadPod')],
  description: 'Two Sidecar resources select the same workload.',
  text: (sidecars, ns1, pod) => `Sidecars ${list(sidecars)} in namespace ${quote(ns1)} all select pod ${quote(pod)}; which one applies is undefined.`,
});

export const MultipleSidecarsWithoutWorkloadSelectors = define({
  code: 'IST0111', name: 'MultipleSidecarsWithoutWorkloadSelectors', level: 'Error', args: [ss('conflictingSidecars'), s('namespace')],
  description: 'A namespace has more than one Sidecar without a workload selector.',
  text: (sidecars, ns1) => `Sidecars ${list(sidecars)} in namespace ${quote(ns1)} have no workload selector; only one namespace-wide Sidecar can apply.`,
});

export const VirtualServiceDestinationPortSelectorRequired = define({
  code: 'IST0112', name: 'VirtualServiceDestinationPortSelectorRequired', level: 'Error', args: [s('destHost'), ns('destPorts')],
  description: 'A route goes to a service with several ports but does not say which port.',
  text: (host, ports) => `Service ${quote(host)} has several ports ${list(ports)}; set destination.port to choose one.`,
});

export const DeploymentAssociatedToMultipleServices = define({
  code: 'IST0116', name: 'DeploymentAssociatedToMultipleServices', level: 'Warning', args: [s('deployment'), n('port'), ss('services')],
  description: 'Services selecting the same pods use the same port with different protocols.',
  text: (deployment, port, services) => `Deployment ${deployment} is selected by services ${list(services)} that use port ${port} with different protocols.`,
});

export const PortNameIsNotUnderNamingConvention = define({
  code: 'IST0118', name: 'PortNameIsNotUnderNamingConvention', level: 'Info', args: [s('portName'), n('port'), s('targetPort')],
  description: 'A service port name does not say its protocol, so Istio has to guess it.',
  text: (name, port, target) =>
    `Port ${name === '' ? '(unnamed)' : `name ${name}`} (port ${port}, targetPort ${target}) does not start with a protocol (http-, grpc-, tcp-, ...) and sets no appProtocol; Istio will have to detect the protocol.`,
});

export const NamespaceMultipleInjectionLabels = define({
  code: 'IST0123', name: 'NamespaceMultipleInjectionLabels', level: 'Warning', args: [ss('labels')],
  description: 'A namespace has both the istio-injection and the istio.io/rev label.',
  text: (labels) => `The namespace has more than one injection label ${list(labels)}; keep only one so the result is predictable.`,
});

export const InvalidAnnotation = define({
  code: 'IST0125', name: 'InvalidAnnotation', level: 'Warning', args: [s('annotation'), s('problem')],
  description: 'An Istio annotation has a value Istio cannot use.',
  text: (annotation, problem) => `Annotation ${annotation} has an unusable value: ${problem}`,
});

export const UnknownMeshNetworksServiceRegistry = define({
  code: 'IST0126', name: 'UnknownMeshNetworksServiceRegistry', level: 'Error', args: [s('serviceregistry'), s('network')],
  description: 'Mesh networks name a service registry that does not exist.',
  text: (registry, network) => `Network ${network} refers to service registry ${registry}, which is not known`,
});

export const NoMatchingWorkloadsFound = define({
  code: 'IST0127', name: 'NoMatchingWorkloadsFound', level: 'Warning', args: [s('labels')],
  description: 'The resource selects workloads by labels, and no workload has them.',
  text: (labels) => `No workload has the labels this resource selects: ${labels}`,
});

export const NoServerCertificateVerificationDestinationLevel = define({
  code: 'IST0128', name: 'NoServerCertificateVerificationDestinationLevel', level: 'Warning',
  args: [s('destinationrule'), s('namespace'), s('mode'), s('host')],
  description: 'A DestinationRule originates TLS without CA certificates, so the server is not verified.',
  text: (dr, ns1, mode, host) => `DestinationRule ${dr} in namespace ${ns1} uses TLS mode ${mode} for host ${host} without caCertificates: the server's certificate is not verified`,
});

export const NoServerCertificateVerificationPortLevel = define({
  code: 'IST0129', name: 'NoServerCertificateVerificationPortLevel', level: 'Warning',
  args: [s('destinationrule'), s('namespace'), s('mode'), s('host'), s('port')],
  description: 'A DestinationRule port setting originates TLS without CA certificates, so the server is not verified.',
  text: (dr, ns1, mode, host, port) =>
    `DestinationRule ${dr} in namespace ${ns1} uses TLS mode ${mode} for host ${host} port ${port} without caCertificates: the server's certificate is not verified`,
});

export const VirtualServiceUnreachableRule = define({
  code: 'IST0130', name: 'VirtualServiceUnreachableRule', level: 'Warning', args: [s('ruleno'), s('reason')],
  description: 'A route can never be taken because an earlier route catches all its traffic.',
  text: (rule, reason) => `Route ${rule} is never used: ${reason}`,
});

export const VirtualServiceIneffectiveMatch = define({
  code: 'IST0131', name: 'VirtualServiceIneffectiveMatch', level: 'Info', args: [s('ruleno'), s('matchno'), s('dupno')],
  description: 'A match condition repeats one of an earlier route, so it never matches anything.',
  text: (rule, match, dup) => `Route ${rule} match ${match} never matches: route ${dup} has the same match first`,
});

export const VirtualServiceHostNotFoundInGateway = define({
  code: 'IST0132', name: 'VirtualServiceHostNotFoundInGateway', level: 'Warning', args: [ss('host'), s('virtualservice'), s('gateway')],
  description: 'A VirtualService host is not served by a Gateway it is bound to.',
  text: (hosts, vs, gw) => `Hosts ${list(hosts)} of VirtualService ${vs} are not served by Gateway ${gw}`,
});

export const SchemaWarning = define({
  code: 'IST0133', name: 'SchemaWarning', level: 'Warning', args: [e('err')],
  description: 'The resource is valid but uses something its schema warns about.',
  text: (err) => `Schema warning: ${err}`,
});

export const ServiceEntryAddressesRequired = define({
  code: 'IST0134', name: 'ServiceEntryAddressesRequired', level: 'Warning', args: [],
  description: 'A ServiceEntry with TCP (or unnamed-protocol) ports needs addresses unless IP auto-allocation is on.',
  text: () => 'This ServiceEntry has TCP or unset-protocol ports but no addresses; without IP auto-allocation its traffic cannot be told apart.',
});

export const DeprecatedAnnotation = define({
  code: 'IST0135', name: 'DeprecatedAnnotation', level: 'Info', args: [s('annotation'), s('extra')],
  description: 'The resource uses an Istio annotation that is deprecated.',
  text: (annotation, extra) => `Annotation ${quote(annotation)} is deprecated${extra} and may stop working in a future Istio release.`,
});

export const AlphaAnnotation = define({
  code: 'IST0136', name: 'AlphaAnnotation', level: 'Info', args: [s('annotation')],
  description: 'The resource uses an annotation of an alpha feature.',
  text: (annotation) => `Annotation ${quote(annotation)} belongs to an alpha feature and may not be fully supported.`,
});

export const DeploymentConflictingPorts = define({
  code: 'IST0137', name: 'DeploymentConflictingPorts', level: 'Warning', args: [s('deployment'), ss('services'), s('targetPort'), ns('ports')],
  description: 'Services selecting the same pods map one targetPort from different ports.',
  text: (deployment, services, target, ports) => `Deployment ${deployment} is selected by services ${list(services)} that send targetPort ${quote(target)} from different ports ${list(ports)}.`,
});

export const GatewayDuplicateCertificate = define({
  code: 'IST0138', name: 'GatewayDuplicateCertificate', level: 'Warning', args: [ss('gateways')],
  description: 'Several gateways use the same certificate; HTTP/2 connection reuse can then end in 404s.',
  text: (gateways) => `Gateways ${list(gateways)} share one certificate; clients reusing an HTTP/2 connection across them can get 404s.`,
});

export const InvalidWebhook = define({
  code: 'IST0139', name: 'InvalidWebhook', level: 'Error', args: [s('error')],
  description: 'A webhook is malformed or points at a control-plane service that does not exist.',
  text: (error) => error,
});

