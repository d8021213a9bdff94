/**
 * What uninstall removes and removing it: one revision (by label), the objects of a rendered install, or
 * everything any install created (purge, CRDs included). Webhooks go first (so nothing calls a control plane
 * that is going away), CRDs last (deleting one deletes every resource of its kind). Namespaces are kept.
 */
import type { KubeClient, KubeObject } from '../kube/types.js';
import type { ManifestSet } from '../manifest/render.js';
import { ANY_INSTALL_SELECTOR, listInstalled, revisionSelector, SHARED_KINDS } from './inventory.js';
import { mapLimit } from './parallel.js';
import { keyOf, nameOf, refOf } from './refs.js';

export type UninstallSelection = { purge: true } | { revision: string } | { rendered: ManifestSet };

const stage = (o: KubeObject) => (/WebhookConfiguration$/.test(o.kind) ? 0 : o.kind === 'CustomResourceDefinition' ? 2 : 1);

export async function uninstallTargets(kube: KubeClient, selection: UninstallSelection, signal?: AbortSignal): Promise<KubeObject[]> {
  let found: KubeObject[];
  if ('purge' in selection) {
    const labelled = await listInstalled(kube, ANY_INSTALL_SELECTOR, { signal });
    const crds = (await kube.list('apiextensions.k8s.io/v1', 'CustomResourceDefinition')).items.filter((c) =>
      /(^|\.)istio\.io$/.test(String((c.spec as { group?: string } | undefined)?.group ?? '')),
    );
    const seen = new Set(labelled.map((o) => keyOf(o)));
    found = [...labelled, ...crds.filter((c) => !seen.has(keyOf(c)))].filter((o) => o.kind !== 'Namespace');
  } else if ('revision' in selection) {
    found = (await listInstalled(kube, revisionSelector(selection.revision), { signal })).filter((o) => !SHARED_KINDS.has(o.kind));
  } else {
    const wanted = selection.rendered.objects.map((o) => o.object).filter((o) => !SHARED_KINDS.has(o.kind));
    const live = await mapLimit(wanted, 16, (o) => kube.get(refOf(o)), signal);
    found = live.filter((o): o is KubeObject => o !== undefined);
  }
  return found.filter((o) => !o.metadata.deletionTimestamp).sort((a, b) => stage(a) - stage(b) || nameOf(a).localeCompare(nameOf(b)));
}

export interface RemovalResult {
  removed: string[];
  failed: string[];
}

export async function removeObjects(
  kube: KubeClient,
  objects: readonly KubeObject[],
  options: { dryRun?: boolean; signal?: AbortSignal; concurrency?: number; onRemoved?(name: string): void } = {},
): Promise<RemovalResult> {
  const result: RemovalResult = { removed: [], failed: [] };
  for (const s of [0, 1, 2]) {
    await mapLimit(
      objects.filter((o) => stage(o) === s),
      options.concurrency ?? 10,
      async (o) => {
        try {
          await kube.delete(refOf(o), { dryRun: options.dryRun, propagationPolicy: 'Background' });
          result.removed.push(nameOf(o));
          options.onRemoved?.(nameOf(o));
        } catch (err) {
          result.failed.push(`${nameOf(o)}: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
      options.signal,
    );
  }
  result.removed.sort();
  result.failed.sort();
  return result;
}
