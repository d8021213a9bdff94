/**
 * What installing a rendered ManifestSet would do to the live cluster: objects to create, objects to change
 * (field by field), objects to prune (of the same revision, no longer rendered), and how many are unchanged.
 */
import type { KubeClient, KubeObject, ObjectRef } from '../kube/types.js';
import type { ComponentName, ManifestSet } from '../manifest/render.js';
import { kindsOf, listInstalled, revisionSelector, selectPrunable } from '../install/inventory.js';
import { mapLimit } from '../install/parallel.js';
import { nameOf, refOf } from '../install/refs.js';
import { diffObject, type FieldChange } from './diff.js';

export interface PlanItem {
  ref: ObjectRef;
  /** `Deployment istio-system/istiod`. */
  name: string;
  component?: ComponentName | string;
  /** Only for changes. */
  changes?: FieldChange[];
}

export interface Plan {
  create: PlanItem[];
  change: PlanItem[];
  prune: PlanItem[];
  unchanged: number;
}

/** The live object of each rendered object (undefined when absent), fetched in parallel. */
export async function fetchLive(
  kube: KubeClient,
  objects: readonly KubeObject[],
  options: { signal?: AbortSignal; concurrency?: number } = {},
): Promise<Array<KubeObject | undefined>> {
  return mapLimit(objects, options.concurrency ?? 16, (o) => kube.get(refOf(o)), options.signal);
}

export function hasChanges(plan: Plan): boolean {
  return plan.create.length + plan.change.length + plan.prune.length > 0;
}

export async function computePlan(kube: KubeClient, set: ManifestSet, options: { signal?: AbortSignal } = {}): Promise<Plan> {
  const objects = set.objects.map((o) => o.object);
  const [live, installed] = await Promise.all([
    fetchLive(kube, objects, options),
    listInstalled(kube, revisionSelector(set.install.revision), { kinds: kindsOf(objects), signal: options.signal }),
  ]);
  const plan: Plan = { create: [], change: [], prune: [], unchanged: 0 };
  set.objects.forEach(({ component, object }, i) => {
    const current = live[i];
    const item: PlanItem = { ref: refOf(object), name: nameOf(object), component };
    if (!current) plan.create.push(item);
    else {
      const changes = diffObject(object, current);
      if (changes.length > 0) plan.change.push({ ...item, changes });
      else plan.unchanged++;
    }
  });
  for (const o of selectPrunable(installed, objects)) {
    plan.prune.push({ ref: refOf(o), name: nameOf(o), component: o.metadata.labels?.['operator.istio.io/component'] });
  }
  return plan;
}
