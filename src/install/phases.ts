/**
 * A rendered install as ordered phases: CRDs (then wait until Established), namespaces, then each component
 * in render order (base, istiod, CNI, ztunnel, gateways), waiting for the component's workloads to be ready.
 * Objects inside a phase do not depend on each other and are applied in parallel. Pure.
 */
import type { ComponentName, ManifestSet, RenderedObject } from '../manifest/render.js';
import { WORKLOAD_KINDS } from './status.js';

export interface Phase {
  /** `CRDs`, `Namespace`, `Istio core`, `Istiod`, `Ingress gateways`, ... */
  name: string;
  component?: ComponentName;
  objects: RenderedObject[];
  /** What to wait for after applying: CRDs Established, workloads ready, or nothing. */
  wait?: 'established' | 'ready';
}

const TITLES: Record<ComponentName, string> = {
  Base: 'Istio core',
  Pilot: 'Istiod',
  Cni: 'CNI node agent',
  Ztunnel: 'Ztunnel',
  IngressGateways: 'Ingress gateways',
  EgressGateways: 'Egress gateways',
};

export function phasesOf(set: ManifestSet): Phase[] {
  const crds = set.objects.filter((o) => o.object.kind === 'CustomResourceDefinition');
  const namespaces = set.objects.filter((o) => o.object.kind === 'Namespace');
  const phases: Phase[] = [];
  if (crds.length > 0) phases.push({ name: 'CRDs', objects: crds, wait: 'established' });
  if (namespaces.length > 0) phases.push({ name: namespaces.length > 1 ? 'Namespaces' : 'Namespace', objects: namespaces });
  const byComponent = new Map<ComponentName, RenderedObject[]>();
  for (const o of set.objects) {
    if (o.object.kind === 'CustomResourceDefinition' || o.object.kind === 'Namespace') continue;
    const list = byComponent.get(o.component) ?? [];
    list.push(o);
    byComponent.set(o.component, list);
  }
  for (const [component, objects] of byComponent) {
    const hasWorkloads = objects.some((o) => WORKLOAD_KINDS.has(o.object.kind));
    phases.push({ name: TITLES[component] ?? component, component, objects, ...(hasWorkloads ? { wait: 'ready' as const } : {}) });
  }
  return phases;
}

export function waitTargets(phase: Phase): RenderedObject[] {
  if (phase.wait === 'established') return phase.objects;
  if (phase.wait === 'ready') return phase.objects.filter((o) => WORKLOAD_KINDS.has(o.object.kind));
  return [];
}
