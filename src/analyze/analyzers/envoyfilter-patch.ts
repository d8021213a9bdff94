/**
 * envoyfilter.EnvoyPatchAnalyzer: EnvoyFilter patches that Istio ignores or applies unreliably.
 * REPLACE only works on HTTP_FILTER/NETWORK_FILTER (IST0152); ADD and REMOVE do nothing on
 * ROUTE_CONFIGURATION/HTTP_ROUTE (IST0153/IST0154); relative operations (INSERT_BEFORE, INSERT_AFTER,
 * REPLACE) depend on other filters' order unless the EnvoyFilter has a priority (IST0151), and more so when
 * matched to a proxy version, which changes during upgrades (IST0155).
 */
import { num, rec, records, str } from '../fields.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';

const RELATIVE = new Set(['INSERT_BEFORE', 'INSERT_AFTER', 'REPLACE']);
const REPLACEABLE = new Set(['HTTP_FILTER', 'NETWORK_FILTER']);
const ROUTES = new Set(['ROUTE_CONFIGURATION', 'HTTP_ROUTE']);

export const envoyFilterPatch: Analyzer = {
  meta: {
    name: 'envoyfilter.EnvoyPatchAnalyzer',
    description: 'Checks EnvoyFilter patch operations that Istio ignores or applies unreliably',
    inputs: [K.EnvoyFilter],
  },
  analyze(ctx) {
    for (const ef of ctx.all(K.EnvoyFilter)) {
      const priority = num(ef.spec.priority) ?? 0;
      for (const [patch, i] of records(ef.spec.configPatches)) {
        const applyTo = str(patch.applyTo) ?? '';
        const operation = str(rec(patch.patch).operation) ?? '';
        const at = ['spec', 'configPatches', i, 'patch', 'operation'];
        if (operation === 'REPLACE' && !REPLACEABLE.has(applyTo)) {
          ctx.report({ resource: ef, path: at, message: M.EnvoyFilterUsesReplaceOperationIncorrectly() });
          continue;
        }
        if (operation === 'ADD' && ROUTES.has(applyTo)) {
          ctx.report({ resource: ef, path: at, message: M.EnvoyFilterUsesAddOperationIncorrectly() });
          continue;
        }
        if (operation === 'REMOVE' && ROUTES.has(applyTo)) {
          ctx.report({ resource: ef, path: at, message: M.EnvoyFilterUsesRemoveOperationIncorrectly() });
          continue;
        }
        if (RELATIVE.has(operation) && priority === 0) {
          const proxyVersion = str(rec(rec(patch.match).proxy).proxyVersion);
          ctx.report({
            resource: ef,
            path: at,
            message: proxyVersion ? M.EnvoyFilterUsesRelativeOperationWithProxyVersion() : M.EnvoyFilterUsesRelativeOperation(),
          });
        }
      }
    }
  },
};
