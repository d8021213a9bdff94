/** The Istio CRDs, generated at build time from src/api/kinds/ (see scripts/generate/10-api.ts). */
import type { KubeObject } from '../kube/types.js';
import { CRDS } from './generated/crds.js';

export interface IstioCrdOptions {
  /** Extra labels for every CRD (the manifest renderer adds revision/component labels this way). */
  labels?: Readonly<Record<string, string>>;
}

/** All Istio CRDs, sorted by name, as fresh objects the caller may change. */
export function istioCrds(options: IstioCrdOptions = {}): KubeObject[] {
  return CRDS.map((crd) => {
    const copy = structuredClone(crd) as unknown as KubeObject & { metadata: { labels: Record<string, string> } };
    if (options.labels) copy.metadata.labels = { ...copy.metadata.labels, ...options.labels };
    return copy;
  });
}
