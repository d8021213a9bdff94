/** The `istio[-<revision>]` ConfigMap that holds the mesh config, for messages about mesh-wide settings. */
import { K } from './kinds.js';
import type { AnalysisContext, Resource } from './types.js';

export function meshConfigMap(ctx: AnalysisContext): Resource | undefined {
  const rev = ctx.mesh.revision;
  return ctx.get(K.ConfigMap, ctx.mesh.istioNamespace, rev && rev !== 'default' ? `istio-${rev}` : 'istio');
}
