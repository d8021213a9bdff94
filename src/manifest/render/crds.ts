/**
 * Istio's CustomResourceDefinitions for the base component. The API work (src/api/crds.ts) provides them;
 * until it lands this returns none, and the base component renders without CRDs.
 */
import type { KubeObject } from '../../kube/types.js';

export function istioCrds(): KubeObject[] {
  return [];
}
