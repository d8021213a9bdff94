/**
 * virtualservice.JWTClaimRouteAnalyzer: routing on `@request.auth.claims.*` headers at a gateway only works
 * when a RequestAuthentication applies to the gateway's pods (IST0149).
 */
import { K } from '../kinds.js';
import { rec, records, str, stringMap, strings } from '../fields.js';
import { resolveGatewayRef } from '../hosts.js';
import { M } from '../messages/index.js';
import { matches, parseSelector } from '../selectors.js';
import type { AnalysisContext, Analyzer, PathSegment, Resource } from '../types.js';

/** Claim headers: `@request.auth.claims.group` or `@request.auth.claims[group]`. */
const CLAIM_PREFIXES = ['@request.auth.claims.', '@request.auth.claims['];

function claimKeys(vs: Resource): Array<{ key: string; path: PathSegment[] }> {
  const out: Array<{ key: string; path: PathSegment[] }> = [];
  for (const [rule, i] of records(vs.spec.http)) {
    for (const [match, j] of records(rule.match)) {
      for (const field of ['headers', 'withoutHeaders'] as const) {
        for (const key of Object.keys(rec(match[field]))) {
          if (CLAIM_PREFIXES.some((p) => key.startsWith(p))) out.push({ key, path: ['spec', 'http', i, 'match', j, field, key] });
        }
      }
    }
  }
  return out;
}

function hasRequestAuthentication(ctx: AnalysisContext, pod: Resource, rootNamespace: string): boolean {
  const candidates = [...ctx.inNamespace(K.RequestAuthentication, pod.namespace), ...(pod.namespace === rootNamespace ? [] : ctx.inNamespace(K.RequestAuthentication, rootNamespace))];
  return candidates.some((ra) => {
    const selector = rec(ra.spec.selector);
    const targetRefs = ra.spec.targetRef !== undefined || ra.spec.targetRefs !== undefined;
    if (targetRefs) return true; // attached by reference to a gateway: trust it
    if (ra.namespace === rootNamespace && pod.namespace !== rootNamespace && Object.keys(selector).length === 0) return true;
    return matches(parseSelector({ matchLabels: selector.matchLabels }), pod.labels);
  });
}

export const virtualServiceJwtClaimRoute: Analyzer = {
  meta: {
    name: 'virtualservice.JWTClaimRouteAnalyzer',
    description: 'Checks that JWT claim based routing at a gateway has a RequestAuthentication for the gateway pods',
    inputs: [K.VirtualService, K.Gateway, K.Pod, K.RequestAuthentication],
  },
  analyze(ctx) {
    const root = str(ctx.mesh.meshConfig.rootNamespace) ?? ctx.mesh.istioNamespace;
    for (const vs of ctx.all(K.VirtualService)) {
      const keys = claimKeys(vs);
      if (keys.length === 0) continue;
      for (const [ref] of strings(vs.spec.gateways)) {
        if (ref === 'mesh') continue;
        const { namespace, name } = resolveGatewayRef(ref, vs.namespace);
        const gateway = ctx.get(K.Gateway, namespace, name);
        if (!gateway) continue;
        // An empty selector selects every pod, as Kubernetes label selectors do.
        for (const pod of ctx.withLabels(K.Pod, undefined, stringMap(gateway.spec.selector))) {
          if (hasRequestAuthentication(ctx, pod, root)) continue;
          const first = keys[0]!;
          ctx.report({
            resource: vs,
            path: first.path,
            at: 'key',
            message: M.JwtClaimBasedRoutingWithoutRequestAuthN(first.key, `${gateway.namespace}/${gateway.name}`, pod.name),
            related: [{ resource: gateway, path: ['spec', 'selector'], message: 'the gateway whose pods need a RequestAuthentication' }],
          });
        }
      }
    }
  },
};
