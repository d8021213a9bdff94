/**
 * Validation and defaulting of metadata and a few built-in kinds, as the API server does on create/update:
 * names (DNS-1123 subdomain/label, or path segment for RBAC), required fields, Deployment selector vs labels.
 */
import type { KubeObject } from '../../../src/kube/types.js';
import type { ResourceType } from './kinds.js';
import type { StatusCause } from './status.js';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

const LABEL_NAMED = new Set(['Namespace', 'Service']);

export function nameCauses(t: ResourceType, name: string | undefined, generateName?: string): StatusCause[] {
  if (!name) {
    if (generateName) return [];
    return [{ type: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }];
  }
  const invalid = (why: string): StatusCause[] => [{ type: 'FieldValueInvalid', message: `Invalid value: "${name}": ${why}`, field: 'metadata.name' }];
  if (t.group === 'rbac.authorization.k8s.io') {
    if (name === '.' || name === '..' || /[/%]/.test(name)) return invalid(`may not contain '/' or '%'`);
    return [];
  }
  if (LABEL_NAMED.has(t.kind) && !t.custom) {
    if (name.length > 63) return invalid('must be no more than 63 characters');
    return LABEL.test(name) ? [] : invalid(LABEL_MSG);
  }
  if (name.length > 253) return invalid('must be no more than 253 characters');
  return SUBDOMAIN.test(name) ? [] : invalid(SUBDOMAIN_MSG);
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function labelCauses(labels: unknown): StatusCause[] {
  if (labels === undefined || labels === null) return [];
  if (typeof labels !== 'object') return [{ type: 'FieldValueInvalid', message: 'Invalid value: must be a map', field: 'metadata.labels' }];
  const causes: StatusCause[] = [];
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) {
      causes.push({
        type: 'FieldValueInvalid',
        message: `Invalid value: "${String(v)}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
        field: `metadata.labels`,
      });
    }
    void k;
  }
  return causes;
}

function containerCauses(spec: Record<string, any> | undefined, prefix: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const containers = spec?.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    return [{ type: 'FieldValueRequired', message: 'Required value', field: `${prefix}.containers` }];
  }
  containers.forEach((c: Record<string, unknown>, i: number) => {
    if (!c || typeof c.name !== 'string' || c.name === '') causes.push({ type: 'FieldValueRequired', message: 'Required value', field: `${prefix}.containers[${i}].name` });
    if (!c || typeof c.image !== 'string' || c.image === '') causes.push({ type: 'FieldValueRequired', message: 'Required value', field: `${prefix}.containers[${i}].image` });
  });
  return causes;
}

function selectorMatches(selector: Record<string, any> | undefined, labels: Record<string, string> | undefined): boolean {
  const want = (selector?.matchLabels ?? {}) as Record<string, string>;
  return Object.entries(want).every(([k, v]) => labels?.[k] === v);
}

/** Causes for a built-in object (custom resources are checked against their schema elsewhere). */
export function builtinCauses(t: ResourceType, o: KubeObject): StatusCause[] {
  const causes = labelCauses(o.metadata.labels);
  const spec = o.spec as Record<string, any> | undefined;
  if (t.kind === 'Pod') causes.push(...containerCauses(spec, 'spec'));
  if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(t.kind) && t.group === 'apps') {
    if (!spec?.selector) causes.push({ type: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' });
    else if (!selectorMatches(spec.selector, spec.template?.metadata?.labels)) {
      causes.push({ type: 'FieldValueInvalid', message: 'Invalid value: map[string]string(nil): `selector` does not match template `labels`', field: 'spec.template.metadata.labels' });
    }
    causes.push(...containerCauses(spec?.template?.spec, 'spec.template.spec'));
    if (spec?.replicas !== undefined && (!Number.isInteger(spec.replicas) || spec.replicas < 0)) {
      causes.push({ type: 'FieldValueInvalid', message: `Invalid value: ${String(spec.replicas)}: must be greater than or equal to 0`, field: 'spec.replicas' });
    }
  }
  if (t.kind === 'ConfigMap' || t.kind === 'Secret') {
    for (const key of Object.keys({ ...(o.data as object), ...(o.stringData as object), ...(o.binaryData as object) })) {
      if (!/^[-._a-zA-Z0-9]+$/.test(key)) causes.push({ type: 'FieldValueInvalid', message: `Invalid value: "${key}": a valid config key must consist of alphanumeric characters, '-', '_' or '.'`, field: 'data' });
    }
  }
  return causes;
}

/** Defaults applied on create (a small subset of the real defaulting). */
export function applyDefaults(t: ResourceType, o: KubeObject, clusterIp: () => string): void {
  const spec = (o.spec ?? {}) as Record<string, any>;
  if (t.group === 'apps' && ['Deployment', 'ReplicaSet', 'StatefulSet'].includes(t.kind)) {
    if (spec.replicas === undefined) spec.replicas = 1;
    if (t.kind === 'Deployment') {
      spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
    }
    o.spec = spec;
  }
  if (t.kind === 'Service' && t.group === '') {
    spec.type ??= 'ClusterIP';
    if (spec.clusterIP === undefined && spec.type !== 'ExternalName') {
      spec.clusterIP = clusterIp();
      spec.clusterIPs = [spec.clusterIP];
    }
    if (Array.isArray(spec.ports)) for (const p of spec.ports) p.protocol ??= 'TCP';
    o.spec = spec;
  }
  if (t.kind === 'Secret' && t.group === '') {
    o.type ??= 'Opaque';
    if (o.stringData && typeof o.stringData === 'object') {
      const data = { ...((o.data as Record<string, string>) ?? {}) };
      for (const [k, v] of Object.entries(o.stringData as Record<string, string>)) data[k] = Buffer.from(String(v)).toString('base64');
      o.data = data;
      delete o.stringData;
    }
  }
  if (t.kind === 'Namespace' && t.group === '') {
    o.spec = { finalizers: ['kubernetes'], ...spec };
    o.metadata.labels = { ...o.metadata.labels, 'kubernetes.io/metadata.name': o.metadata.name ?? '' };
  }
}
