/**
 * Sync state of every proxy, as the running istiod replicas report it: one list of istiod pods, then one
 * `/debug/syncz` per replica (concurrently), merged. The request count does not depend on the number of proxies.
 */
import { ClusterError, isCliError } from '../errors.js';
import type { KubeClient, KubeObject } from '../kube/types.js';
import { dataPlaneFromSync } from '../proxystatus/data-plane.js';
import { mergeReplicas } from '../proxystatus/rows.js';
import type { DataPlaneVersion } from '../versioninfo/collect.js';
import { parseSyncz, type ProxySync } from '../proxystatus/syncz.js';
import { parseFromPod, readFromPod, type PodDebugRequest } from './pod-debug.js';

export const ISTIOD_DEBUG_PORT = 15014;

export interface IstiodSelection {
  istioNamespace: string;
  revision?: string;
  /** `--xds-label`: a label selector for the istiod pods, instead of `app=istiod[,istio.io/rev=REV]`. */
  xdsLabel?: string;
}

export function istiodSelector(sel: IstiodSelection): string {
  if (sel.xdsLabel) return sel.xdsLabel;
  return sel.revision ? `app=istiod,istio.io/rev=${sel.revision}` : 'app=istiod';
}

function running(pod: KubeObject): boolean {
  return (pod.status as { phase?: string } | undefined)?.phase === 'Running' && !pod.metadata.deletionTimestamp;
}

/** The running istiod pods, sorted by name; ClusterError (69) when there are none. */
export async function findIstiods(kube: KubeClient, sel: IstiodSelection): Promise<KubeObject[]> {
  const selector = istiodSelector(sel);
  const pods = (await kube.list('v1', 'Pod', { namespace: sel.istioNamespace, labelSelector: selector })).items;
  const up = pods.filter(running).sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  if (up.length > 0) return up;
  const what = pods.length > 0 ? `${pods.length} istiod pod(s) found but none is running` : 'no istiod pod found';
  throw new ClusterError(`${what} in namespace ${sel.istioNamespace} (label selector ${selector})`, {
    details: [
      'Is Istio installed? `sailctl install` installs it; `sailctl verify-install` checks it.',
      'Use -i NAMESPACE if the control plane runs elsewhere, -r REVISION for a revision, --xds-label for other labels.',
    ],
  });
}

export function synczRequest(istiod: KubeObject): PodDebugRequest {
  return {
    namespace: istiod.metadata.namespace ?? '',
    pod: istiod.metadata.name ?? '',
    port: ISTIOD_DEBUG_PORT,
    path: '/debug/syncz',
    what: "istiod's sync state",
  };
}

export interface SyncState {
  istiods: KubeObject[];
  proxies: ProxySync[];
}

export async function readSyncState(kube: KubeClient, sel: IstiodSelection): Promise<SyncState> {
  const istiods = await findIstiods(kube, sel);
  const perIstiod = await Promise.all(
    istiods.map(async (istiod) => {
      const req = synczRequest(istiod);
      const text = await readFromPod(kube, req);
      return parseFromPod(req, text, (t) => parseSyncz(t, req.pod));
    }),
  );
  return { istiods, proxies: mergeReplicas(perIstiod) };
}

/**
 * `sailctl version`'s data plane from istiod's sync state; undefined when istiod cannot be asked (not running,
 * no permission, unreadable answer), so the caller falls back to the sidecar images.
 */
export async function syncedDataPlane(kube: KubeClient, sel: IstiodSelection): Promise<DataPlaneVersion[] | undefined> {
  try {
    const state = await readSyncState(kube, sel);
    return dataPlaneFromSync(state.proxies, state.istiods);
  } catch (err) {
    if (isCliError(err) && err.exitCode !== 130) return undefined;
    throw err;
  }
}
