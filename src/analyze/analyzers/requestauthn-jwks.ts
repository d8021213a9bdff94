/**
 * authn.BlockedCIDRsAnalyzer: istiod fetches the JWKS of every RequestAuthentication's `jwksUri`.
 * Without `BLOCKED_CIDRS_IN_JWKS_URIS` on istiod, a mesh user can make istiod fetch from internal addresses
 * (IST0175). Reported on the istiod Deployment, naming the RequestAuthentications.
 */
import { arr, rec, records, str } from '../fields.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';

export const requestAuthnJwks: Analyzer = {
  meta: {
    name: 'authn.BlockedCIDRsAnalyzer',
    aliases: ['requestauthentication.JwksUriAnalyzer'],
    description: 'Checks that istiod restricts where RequestAuthentication JWKS URIs may point',
    inputs: [K.RequestAuthentication, K.Deployment],
  },
  analyze(ctx) {
    const withUri = ctx.all(K.RequestAuthentication).filter((ra) => records(ra.spec.jwtRules).some(([rule]) => !!str(rule.jwksUri)));
    if (withUri.length === 0) return;
    const rev = ctx.mesh.revision && ctx.mesh.revision !== 'default' ? ctx.mesh.revision : undefined;
    for (const istiod of ctx.inNamespace(K.Deployment, ctx.mesh.istioNamespace)) {
      const labels = rec(rec(rec(istiod.spec.template).metadata).labels);
      if (str(labels.app) !== 'istiod' || (rev !== undefined && str(labels['istio.io/rev']) !== rev)) continue;
      const containers = records(rec(rec(istiod.spec.template).spec).containers);
      const discovery = containers.find(([c]) => str(c.name) === 'discovery') ?? containers[0];
      if (!discovery) continue;
      const env = arr(discovery[0].env);
      if (env.some((e) => str(rec(e).name) === 'BLOCKED_CIDRS_IN_JWKS_URIS' && !!str(rec(e).value))) continue;
      const names = withUri.map((ra) => `${ra.namespace}/${ra.name}`).sort();
      ctx.report({
        resource: istiod,
        path: ['spec', 'template', 'spec', 'containers', discovery[1], 'env'],
        message: M.JwksUriFetchUnrestricted(names.length, names.join(', ')),
        related: withUri.map((ra) => ({ resource: ra, path: ['spec', 'jwtRules'], message: 'has a jwksUri istiod will fetch' })),
      });
    }
  },
};
