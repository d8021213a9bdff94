/**
 * Istio annotations whose feature is in the alpha phase (Istio's annotation catalogue marks them so), for
 * IST0136. Annotations the injector itself writes (sidecar.istio.io/status and the like) are not listed.
 */
export const ALPHA_ANNOTATIONS: ReadonlySet<string> = new Set([
  'inject.istio.io/templates',
  'proxy.istio.io/overrides',
  'readiness.status.sidecar.istio.io/applicationPorts',
  'readiness.status.sidecar.istio.io/failureThreshold',
  'readiness.status.sidecar.istio.io/initialDelaySeconds',
  'readiness.status.sidecar.istio.io/periodSeconds',
  'sidecar.istio.io/agentLogLevel',
  'sidecar.istio.io/bootstrapOverride',
  'sidecar.istio.io/componentLogLevel',
  'sidecar.istio.io/discoveryAddress',
  'sidecar.istio.io/enableCoreDump',
  'sidecar.istio.io/statsHistogramBuckets',
  'sidecar.istio.io/userVolume',
  'sidecar.istio.io/userVolumeMount',
  'status.sidecar.istio.io/port',
  'traffic.sidecar.istio.io/kubevirtInterfaces',
]);
