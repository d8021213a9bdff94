/**
 * What verify-install checks against: the objects a render says should exist (when install flags are given),
 * or what the cluster has (discovery: istiod Deployments and the objects labelled with their revisions).
 */
import type { KubeClient, KubeObject, ObjectRef } from '../kube/types.js';
import type { ManifestSet } from '../manifest/render.js';
import { listInstalled, revisionSelector } from '../install/inventory.js';
import { refOf } from '../install/refs.js';
import type { VerifyTarget } from './types.js';

const WEBHOOK_KINDS = new Set(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);
const GATEWAY_COMPONENTS = new Set(['IngressGateways', 'EgressGateways']);

function classify(objects: ReadonlyArray<{ component: string; object: KubeObject }>): Omit<VerifyTarget, 'mode' | 'revisions'> {
  const t: Omit<VerifyTarget, 'mode' | 'revisions'> = { crds: [], controlPlane: [], gateways: [], webhooks: [], others: [] };
  for (const { component, object } of objects) {
    const ref = refOf(object);
    if (object.kind === 'CustomResourceDefinition') t.crds.push(ref.name);
    else if (WEBHOOK_KINDS.has(object.kind)) t.webhooks.push(ref);
    else if (object.kind === 'Deployment' || object.kind === 'DaemonSet') (GATEWAY_COMPONENTS.has(component) ? t.gateways : t.controlPlane).push(ref);
    else t.others.push(ref);
  }
  return t;
}

export function targetFromRender(sets: readonly ManifestSet[]): VerifyTarget {
  const seen = new Set<string>();
  const objects = sets.flatMap((s) => s.objects).filter((o) => {
    const key = `${o.object.apiVersion} ${o.object.kind} ${o.object.metadata.namespace ?? ''} ${o.object.metadata.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { mode: 'rendered', revisions: sets.map((s) => s.install.revision || 'default'), ...classify(objects) };
}

/** Revisions with an istiod Deployment (label `app=istiod`), sorted, `default` first. */
export async function discoverRevisions(kube: KubeClient): Promise<string[]> {
  const { items } = await kube.list('apps/v1', 'Deployment', { labelSelector: 'app=istiod' });
  const revisions = new Set(items.map((d) => d.metadata.labels?.['istio.io/rev'] ?? 'default'));
  return [...revisions].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}

/** What the installed revisions (or only `revision`) consist of, found by their labels. */
export async function discoverTarget(kube: KubeClient, options: { revision?: string; signal?: AbortSignal } = {}): Promise<VerifyTarget> {
  const { signal } = options;
  const wanted = options.revision === '' ? 'default' : options.revision;
  const revisions = (await discoverRevisions(kube)).filter((r) => wanted === undefined || r === wanted);
  const objects: Array<{ component: string; object: KubeObject }> = [];
  for (const rev of revisions) {
    const found = await listInstalled(kube, revisionSelector(rev), { signal });
    for (const o of found) objects.push({ component: o.metadata.labels?.['operator.istio.io/component'] ?? '', object: o });
  }
  const crds = await kube.list('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
  const t = classify(objects);
  t.crds = crds.items
    .filter((c) => /(^|\.)istio\.io$/.test(String((c.spec as { group?: string } | undefined)?.group ?? '')))
    .map((c) => c.metadata.name ?? '')
    .sort();
  // In discovery mode "the others" are whatever was found: nothing to compare them with.
  return { mode: 'discovered', revisions, ...t, others: [] as ObjectRef[] };
}
