/**
 * Go-shaped views of Kubernetes JSON for templates: istiod's templates read `.Spec.Containers`, `.Name`,
 * `.ContainerPort` (Go struct field names), while maps such as labels keep their keys. Each struct view
 * remembers the JSON it came from (JSON_SOURCE), which `structToJSON` prints in Go's field order.
 */

import { goStringMap } from './gotemplate/values.js';

export const JSON_SOURCE: unique symbol = Symbol('json-source');

/** Fields whose value is a Go map: their keys are data, not field names. */
const MAP_FIELDS = new Set(['labels', 'annotations', 'nodeSelector', 'limits', 'requests', 'overhead', 'matchLabels', 'data', 'claims']);
const FIELD_NAMES: Readonly<Record<string, string>> = { apiVersion: 'APIVersion', uid: 'UID', hostIPC: 'HostIPC', hostPID: 'HostPID' };
/** Go field order of corev1.ContainerPort, for json.Marshal fidelity. */
const CONTAINER_PORT_ORDER = ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP'];

export function goFieldName(jsonName: string): string {
  return FIELD_NAMES[jsonName] ?? jsonName.charAt(0).toUpperCase() + jsonName.slice(1);
}

function ordered(source: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in source) out[k] = source[k];
  for (const k of Object.keys(source)) if (!(k in out)) out[k] = source[k];
  return out;
}

/** A Go-shaped view of `value`; `parentField` is the JSON field that holds it. */
export function goView(value: unknown, parentField = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => goView(v, parentField));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  if (MAP_FIELDS.has(parentField)) return { ...source };
  const view: Record<string | symbol, unknown> = {};
  for (const [k, v] of Object.entries(source)) view[goFieldName(k)] = goView(v, k);
  view[JSON_SOURCE] = parentField === 'ports' ? ordered(source, CONTAINER_PORT_ORDER) : source;
  return view;
}

/** Go zero values for the container fields templates read. */
function containerView(c: unknown): unknown {
  const v = goView(c) as Record<string | symbol, unknown>;
  v.Name ??= '';
  v.Image ??= '';
  v.Ports ??= [];
  v.Env ??= [];
  return v;
}

/** `.Spec` of the template data: a PodSpec with Go field names and zero values where templates look. */
export function podSpecView(spec: Record<string, unknown>): Record<string | symbol, unknown> {
  const v = goView(spec) as Record<string | symbol, unknown>;
  v.Containers = (Array.isArray(spec.containers) ? spec.containers : []).map(containerView);
  v.InitContainers = (Array.isArray(spec.initContainers) ? spec.initContainers : []).map(containerView);
  v.ServiceAccountName ??= '';
  v.HostNetwork ??= false;
  v.Volumes ??= [];
  return v;
}

/** `.ObjectMeta` / `.DeploymentMeta`: metav1.ObjectMeta with Go field names. */
export function objectMetaView(meta: Record<string, unknown>): Record<string | symbol, unknown> {
  const v = goView(meta) as Record<string | symbol, unknown>;
  v.Name ??= '';
  v.Namespace ??= '';
  v.GenerateName ??= '';
  v.Labels = goStringMap({ ...((meta.labels ?? {}) as object) });
  v.Annotations = goStringMap({ ...((meta.annotations ?? {}) as object) });
  return v;
}
