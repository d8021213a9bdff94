/**
 * Naming and cleaning objects: references, stable keys, people-facing names, and the server-written fields
 * that must not be sent back (rollback re-applies a prior object without them).
 */
import type { KubeObject, ObjectRef } from '../kube/types.js';

export function refOf(o: KubeObject): ObjectRef {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.metadata.name ?? '',
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
  };
}

/** `apps/v1 Deployment istio-system/istiod`: unique per object (group included). */
export function keyOf(ref: ObjectRef | KubeObject): string {
  const r = 'metadata' in ref ? refOf(ref) : ref;
  const group = r.apiVersion.includes('/') ? r.apiVersion.split('/')[0] : '';
  return `${group}/${r.kind}/${r.namespace ?? ''}/${r.name}`;
}

/** `Deployment istio-system/istiod`, `ClusterRole istiod-clusterrole-istio-system`: for people. */
export function nameOf(ref: ObjectRef | KubeObject): string {
  const r = 'metadata' in ref ? refOf(ref) : ref;
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];

/** The object as a client would apply it: no status, no server-written metadata. */
export function withoutServerFields(o: KubeObject): KubeObject {
  const { status: _status, metadata, ...rest } = o;
  const meta: Record<string, unknown> = { ...metadata };
  for (const k of SERVER_METADATA) delete meta[k];
  return { ...rest, metadata: meta } as KubeObject;
}
