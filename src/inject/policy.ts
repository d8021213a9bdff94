/**
 * Whether a pod gets a sidecar (istiod's rules: opt-out label/annotation, hostNetwork, system namespaces,
 * never/always selectors, the policy) and whether its injection annotations are valid.
 */
import type { InjectorSettings, LabelSelector } from './types.js';

export const IGNORED_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage'];

export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  const ml = selector.matchLabels ?? {};
  const exprs = selector.matchExpressions ?? [];
  if (Object.keys(ml).length === 0 && exprs.length === 0) return false; // an empty selector selects nothing here
  for (const [k, v] of Object.entries(ml)) if (labels[k] !== v) return false;
  for (const e of exprs) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key] as string)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key] as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export interface PodFacts {
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  hostNetwork: boolean;
}

/** `undefined` when the pod is to be injected, otherwise the reason it is skipped. */
export function skipReason(pod: PodFacts, injector: InjectorSettings): string | undefined {
  if (pod.hostNetwork) return 'hostNetwork is enabled';
  if (IGNORED_NAMESPACES.includes(pod.namespace)) return `namespace ${pod.namespace} is never injected`;
  const fromLabel = pod.labels['sidecar.istio.io/inject'];
  const choice = fromLabel ?? pod.annotations['sidecar.istio.io/inject'] ?? '';
  const source = fromLabel !== undefined ? 'label' : 'annotation';
  const lowered = choice.toLowerCase();
  if (lowered !== '') {
    if (['y', 'yes', 'true', 'on'].includes(lowered)) return undefined;
    return `sidecar.istio.io/inject ${source} is "${choice}"`;
  }
  if (injector.neverInjectSelector.some((s) => selectorMatches(s, pod.labels))) return 'labels match neverInjectSelector';
  if (injector.alwaysInjectSelector.some((s) => selectorMatches(s, pod.labels))) return undefined;
  if (injector.policy === 'enabled') return undefined;
  if (injector.policy === 'disabled') return 'injection policy is disabled and the pod does not opt in';
  return `injection policy "${injector.policy}" is not enabled`;
}

const PORT = /^\d+$/;
function portList(value: string, allowStar: boolean): boolean {
  if (value.trim() === '') return true;
  if (allowStar && value.trim() === '*') return true;
  return value.split(',').every((p) => PORT.test(p.trim()) && Number(p.trim()) >= 1 && Number(p.trim()) <= 65535);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]+(:\d+\.\d+\.\d+\.\d+)?$/;
function cidr(value: string): boolean {
  const [ip, bits, extra] = value.split('/');
  if (extra !== undefined || ip === undefined || bits === undefined || !/^\d+$/.test(bits)) return false;
  if (IPV4.test(ip)) return Number(bits) <= 32;
  return IPV6.test(ip) && ip.includes(':') && Number(bits) <= 128;
}
function cidrList(value: string, allowStar: boolean): boolean {
  if (value.trim() === '') return true;
  if (allowStar && value.trim() === '*') return true;
  return value.split(',').every((c) => cidr(c.trim()));
}
const uint = (v: string) => /^\d+$/.test(v.trim());

const CHECKS: Readonly<Record<string, { ok: (v: string) => boolean; expected: string }>> = {
  'traffic.sidecar.istio.io/includeOutboundIPRanges': { ok: (v) => cidrList(v, true), expected: '"*" or a comma-separated list of CIDRs' },
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': { ok: (v) => cidrList(v, false), expected: 'a comma-separated list of CIDRs' },
  'traffic.sidecar.istio.io/includeInboundPorts': { ok: (v) => portList(v, true), expected: '"*" or a comma-separated list of ports' },
  'traffic.sidecar.istio.io/excludeInboundPorts': { ok: (v) => portList(v, false), expected: 'a comma-separated list of ports' },
  'traffic.sidecar.istio.io/includeOutboundPorts': { ok: (v) => portList(v, false), expected: 'a comma-separated list of ports' },
  'traffic.sidecar.istio.io/excludeOutboundPorts': { ok: (v) => portList(v, false), expected: 'a comma-separated list of ports' },
  'sidecar.istio.io/interceptionMode': { ok: (v) => ['REDIRECT', 'TPROXY', 'NONE'].includes(v), expected: 'REDIRECT, TPROXY or NONE' },
  'status.sidecar.istio.io/port': { ok: (v) => uint(v) && Number(v) <= 65535, expected: 'a port number (0 disables the status port)' },
  'readiness.status.sidecar.istio.io/initialDelaySeconds': { ok: uint, expected: 'a whole number of seconds' },
  'readiness.status.sidecar.istio.io/periodSeconds': { ok: uint, expected: 'a whole number of seconds' },
  'readiness.status.sidecar.istio.io/failureThreshold': { ok: uint, expected: 'a whole number' },
  'sidecar.istio.io/nativeSidecar': { ok: (v) => ['true', 'false'].includes(v), expected: 'true or false' },
  'sidecar.istio.io/userVolume': { ok: jsonObject, expected: 'a JSON object of volumes by name' },
  'sidecar.istio.io/userVolumeMount': { ok: jsonObject, expected: 'a JSON object of volume mounts by name' },
};

function jsonObject(v: string): boolean {
  try {
    const parsed = JSON.parse(v) as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/** Messages for each invalid injection annotation, as `annotation "x": expected y, got "z"`. */
export function annotationProblems(annotations: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [key, check] of Object.entries(CHECKS)) {
    const value = annotations[key];
    if (value !== undefined && !check.ok(String(value))) out.push(`annotation ${key}: expected ${check.expected}, got "${value}"`);
  }
  return out;
}
