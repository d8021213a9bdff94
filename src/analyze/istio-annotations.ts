/**
 * Istio's annotations as facts: which kinds each applies to, whether it is deprecated (and by what it is
 * replaced), and the form of its value. Used by the annotations analyzer (IST0107/0108/0125/0135).
 */

export type ValueForm = 'bool' | 'int' | 'ports' | 'cidrs' | 'quantity' | 'interception' | 'loglevel' | 'yaml' | 'any';

export interface AnnotationFact {
  /** Kind names it belongs on; '*' for any. */
  kinds: readonly string[];
  value: ValueForm;
  /** Set when deprecated: what to use instead ('' when nothing). */
  replacedBy?: string;
}

const POD = ['Pod'];
const fact = (kinds: readonly string[], value: ValueForm, replacedBy?: string): AnnotationFact => ({ kinds, value, ...(replacedBy !== undefined ? { replacedBy } : {}) });

export const ISTIO_ANNOTATIONS: Readonly<Record<string, AnnotationFact>> = {
  'ambient.istio.io/bypass-inbound-capture': fact(POD, 'bool'),
  'ambient.istio.io/redirection': fact(POD, 'any'),
  'galley.istio.io/analyze-suppress': fact(['*'], 'any'),
  'gateway.istio.io/controller-version': fact(['Gateway'], 'any'),
  'gateway.istio.io/name-override': fact(['Gateway'], 'any'),
  'gateway.istio.io/service-account': fact(['Gateway'], 'any'),
  'inject.istio.io/templates': fact(POD, 'any'),
  'install.operator.istio.io/chart-owner': fact(['*'], 'any'),
  'istio.io/dry-run': fact(['AuthorizationPolicy'], 'bool'),
  'istio.io/rev': fact(['Pod', 'Namespace'], 'any'),
  'networking.istio.io/address-type': fact(['Gateway'], 'any'),
  'networking.istio.io/exportTo': fact(['Service'], 'any'),
  'networking.istio.io/service-type': fact(['Gateway'], 'any'),
  'networking.istio.io/traffic-distribution': fact(['Service'], 'any'),
  'prometheus.istio.io/merge-metrics': fact(POD, 'bool'),
  'proxy.istio.io/config': fact(POD, 'yaml'),
  'proxy.istio.io/overrides': fact(POD, 'any'),
  'readiness.status.sidecar.istio.io/applicationPorts': fact(POD, 'ports'),
  'readiness.status.sidecar.istio.io/failureThreshold': fact(POD, 'int'),
  'readiness.status.sidecar.istio.io/initialDelaySeconds': fact(POD, 'int'),
  'readiness.status.sidecar.istio.io/periodSeconds': fact(POD, 'int'),
  'sidecar.istio.io/agentLogLevel': fact(POD, 'any'),
  'sidecar.istio.io/bootstrapOverride': fact(POD, 'any'),
  'sidecar.istio.io/componentLogLevel': fact(POD, 'any'),
  'sidecar.istio.io/discoveryAddress': fact(POD, 'any'),
  'sidecar.istio.io/enableCoreDump': fact(POD, 'bool'),
  'sidecar.istio.io/extraStatTags': fact(POD, 'any', 'the Telemetry API'),
  'sidecar.istio.io/inject': fact(POD, 'bool', 'the sidecar.istio.io/inject label'),
  'sidecar.istio.io/interceptionMode': fact(POD, 'interception'),
  'sidecar.istio.io/logLevel': fact(POD, 'loglevel'),
  'sidecar.istio.io/nativeSidecar': fact(POD, 'bool'),
  'sidecar.istio.io/proxyCPU': fact(POD, 'quantity'),
  'sidecar.istio.io/proxyCPULimit': fact(POD, 'quantity'),
  'sidecar.istio.io/proxyImage': fact(POD, 'any'),
  'sidecar.istio.io/proxyImageType': fact(POD, 'any'),
  'sidecar.istio.io/proxyMemory': fact(POD, 'quantity'),
  'sidecar.istio.io/proxyMemoryLimit': fact(POD, 'quantity'),
  'sidecar.istio.io/rewriteAppHTTPProbers': fact(POD, 'bool'),
  'sidecar.istio.io/statsHistogramBuckets': fact(POD, 'any'),
  'sidecar.istio.io/statsInclusionPrefixes': fact(POD, 'any', 'the proxy.istio.io/config annotation (proxyStatsMatcher)'),
  'sidecar.istio.io/statsInclusionRegexps': fact(POD, 'any', 'the proxy.istio.io/config annotation (proxyStatsMatcher)'),
  'sidecar.istio.io/statsInclusionSuffixes': fact(POD, 'any', 'the proxy.istio.io/config annotation (proxyStatsMatcher)'),
  'sidecar.istio.io/status': fact(POD, 'any'),
  'sidecar.istio.io/userVolume': fact(POD, 'any'),
  'sidecar.istio.io/userVolumeMount': fact(POD, 'any'),
  'status.sidecar.istio.io/port': fact(POD, 'int'),
  'topology.istio.io/controlPlaneClusters': fact(['Secret'], 'any'),
  'traffic.sidecar.istio.io/excludeInboundPorts': fact(POD, 'ports'),
  'traffic.sidecar.istio.io/excludeInterfaces': fact(POD, 'any'),
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': fact(POD, 'cidrs'),
  'traffic.sidecar.istio.io/excludeOutboundPorts': fact(POD, 'ports'),
  'traffic.sidecar.istio.io/includeInboundPorts': fact(POD, 'ports'),
  'traffic.sidecar.istio.io/includeOutboundIPRanges': fact(POD, 'cidrs'),
  'traffic.sidecar.istio.io/includeOutboundPorts': fact(POD, 'ports'),
  'traffic.sidecar.istio.io/kubevirtInterfaces': fact(POD, 'any', 'the istio.io/reroute-virtual-interfaces annotation'),
  'istio.io/reroute-virtual-interfaces': fact(POD, 'any'),
};

/**
 * Istio annotations whose feature is in the alpha phase (Istio's annotation catalogue marks them so), for
 * IST0136. Annotations the injector itself writes (sidecar.istio.io/status and the like) are not listed.
 */
export const ALPHA_ANNOTATIONS: ReadonlySet<string> = new Set([
  'ambient.istio.io/bypass-inbound-capture',
  'inject.istio.io/templates',
  'istio.io/dry-run',
  'istio.io/reroute-virtual-interfaces',
  'networking.istio.io/exportTo',
  'prometheus.istio.io/merge-metrics',
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
  'sidecar.istio.io/extraStatTags',
  'sidecar.istio.io/proxyImageType',
  'sidecar.istio.io/statsHistogramBuckets',
  'sidecar.istio.io/statsInclusionPrefixes',
  'sidecar.istio.io/statsInclusionRegexps',
  'sidecar.istio.io/statsInclusionSuffixes',
  'sidecar.istio.io/userVolume',
  'sidecar.istio.io/userVolumeMount',
  'status.sidecar.istio.io/port',
  'topology.istio.io/controlPlaneClusters',
  'traffic.sidecar.istio.io/excludeInterfaces',
  'traffic.sidecar.istio.io/kubevirtInterfaces',
]);

/** Annotations whose value Istio's injector validates (the others take any value, as far as analysis goes). */
export const VALIDATED_ANNOTATIONS: ReadonlySet<string> = new Set([
  'prometheus.istio.io/merge-metrics',
  'proxy.istio.io/config',
  'readiness.status.sidecar.istio.io/failureThreshold',
  'readiness.status.sidecar.istio.io/initialDelaySeconds',
  'readiness.status.sidecar.istio.io/periodSeconds',
  'sidecar.istio.io/interceptionMode',
  'status.sidecar.istio.io/port',
  'traffic.sidecar.istio.io/excludeInboundPorts',
  'traffic.sidecar.istio.io/excludeOutboundIPRanges',
  'traffic.sidecar.istio.io/excludeOutboundPorts',
  'traffic.sidecar.istio.io/includeInboundPorts',
  'traffic.sidecar.istio.io/includeOutboundIPRanges',
  'traffic.sidecar.istio.io/includeOutboundPorts',
]);

/** Whether a key is in an Istio-owned domain (`istio.io/...`, `sidecar.istio.io/...`). */
export function isIstioKey(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return false;
  const domain = key.slice(0, slash);
  return domain === 'istio.io' || domain.endsWith('.istio.io');
}

const LOG_LEVELS = new Set(['trace', 'debug', 'info', 'warning', 'warn', 'error', 'critical', 'off']);
const INTERCEPTION = new Set(['REDIRECT', 'TPROXY', 'NONE']);

function isCidr(s: string): boolean {
  const [ip, bits, extra] = s.split('/');
  if (extra !== undefined || ip === undefined) return false;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) return v4.slice(1).every((o) => Number(o) <= 255) && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= 32));
  if (/^[0-9a-fA-F:]+$/.test(ip) && ip.includes(':')) return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= 128);
  return false;
}

/** Why the value is unusable, or undefined when it is fine. */
export function valueProblem(form: ValueForm, value: string, parseYaml: (text: string) => unknown): string | undefined {
  const v = value.trim();
  switch (form) {
    case 'bool':
      return /^(true|false)$/i.test(v) ? undefined : `expected true or false, got "${value}"`;
    case 'int':
      return /^\d+$/.test(v) ? undefined : `expected a whole number, got "${value}"`;
    case 'ports': {
      if (v === '' || v === '*') return undefined;
      const bad = v.split(',').map((p) => p.trim()).find((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 65535);
      return bad === undefined ? undefined : `"${bad}" is not a port number (1-65535)`;
    }
    case 'cidrs': {
      if (v === '' || v === '*') return undefined;
      const bad = v.split(',').map((p) => p.trim()).find((p) => !isCidr(p));
      return bad === undefined ? undefined : `"${bad}" is not an IP address range (CIDR)`;
    }
    case 'quantity':
      return /^\d+(\.\d+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.test(v) ? undefined : `"${value}" is not a resource quantity such as 100m or 128Mi`;
    case 'interception':
      return INTERCEPTION.has(v) ? undefined : `expected REDIRECT, TPROXY or NONE, got "${value}"`;
    case 'loglevel':
      return LOG_LEVELS.has(v.toLowerCase()) ? undefined : `"${value}" is not a log level (trace, debug, info, warning, error, critical, off)`;
    case 'yaml': {
      try {
        const parsed = parseYaml(v);
        return parsed === null || typeof parsed === 'object' ? undefined : 'expected a YAML mapping';
      } catch (err) {
        return `not valid YAML: ${(err as Error).message.split('\n')[0]}`;
      }
    }
    default:
      return undefined;
  }
}
