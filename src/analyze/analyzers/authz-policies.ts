/**
 * auth.AuthorizationPoliciesAnalyzer: an AuthorizationPolicy must apply to some workload of the mesh (IST0127:
 * its selector, or its namespace for selector-less ones, has no pod in the mesh; mesh-wide for the root
 * namespace), and the namespaces its rules name must exist (IST0101).
 */
import { rec, records, strings } from '../fields.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { AnalysisContext, Analyzer, Resource } from '../types.js';
import { podInMesh, policySelector, rootNamespace, selectorText } from '../workload-policies.js';

/** A Namespace object matches the pattern (`*`, `prefix*`, `*suffix`, exact). */
function namespaceExists(ctx: AnalysisContext, pattern: string): boolean {
  if (pattern === '*') return true;
  const names = ctx.all(K.Namespace).map((n) => n.name);
  if (pattern.startsWith('*')) return names.some((n) => n.endsWith(pattern.slice(1)));
  if (pattern.endsWith('*')) return names.some((n) => n.startsWith(pattern.slice(0, -1)));
  return names.includes(pattern);
}

export const authzPolicies: Analyzer = {
  meta: {
    name: 'auth.AuthorizationPoliciesAnalyzer',
    aliases: ['authz.AuthorizationPoliciesAnalyzer'],
    description: 'Checks that AuthorizationPolicies select workloads and refer to existing namespaces',
    inputs: [K.AuthorizationPolicy, K.Pod, K.Namespace],
  },
  analyze(ctx) {
    if (!ctx.complete) return; // absent pods and namespaces prove nothing without the whole cluster state
    const root = rootNamespace(ctx);
    const meshPods = ctx.all(K.Pod).filter((p) => podInMesh(ctx, p));
    const inMesh = new Set<Resource>(meshPods);
    for (const ap of ctx.all(K.AuthorizationPolicy)) {
      if (ap.spec.targetRef !== undefined || ap.spec.targetRefs !== undefined) continue; // attached to a gateway/service
      const selector = policySelector(ap);
      const meshWide = ap.namespace === root;
      if (selector) {
        const pods = ctx.withLabels(K.Pod, meshWide ? undefined : ap.namespace, selector.labels).filter((p) => inMesh.has(p));
        if (pods.length === 0) ctx.report({ resource: ap, path: selector.path, message: M.NoMatchingWorkloadsFound(selectorText(selector)) });
      } else if (!meshWide && !meshPods.some((p) => p.namespace === ap.namespace)) {
        ctx.report({ resource: ap, message: M.NoMatchingWorkloadsFound('') });
      }
      for (const [rule, i] of records(ap.spec.rules)) {
        for (const [from, j] of records(rule.from)) {
          const source = rec(from.source);
          for (const field of ['namespaces', 'notNamespaces'] as const) {
            for (const [ns, k] of strings(source[field])) {
              if (namespaceExists(ctx, ns)) continue;
              ctx.report({ resource: ap, path: ['spec', 'rules', i, 'from', j, 'source', field, k], message: M.ReferencedResourceNotFound('namespace', ns) });
            }
          }
        }
      }
    }
  },
};
