/**
 * envoyfilter.EnvoyPatchAnalyzer: EnvoyFilter patches that Istio ignores or applies unreliably.
 * REPLACE only works on HTTP_FILTER, NETWORK_FILTER and VIRTUAL_HOST (IST0152); ADD and REMOVE do nothing on
 * ROUTE_CONFIGURATION/HTTP_ROUTE (IST0153/IST0154); relative operations (INSERT_BEFORE, INSERT_AFTER,
 * REPLACE, REMOVE) depend on other filters' order unless the EnvoyFilter has a priority (IST0151), and more so
 * when matched to a proxy version, which changes during upgrades (IST0155). As Istio reports them, each code
 * appears once per EnvoyFilter, at its first patch concerned.
 */
import { num, rec, records, str } from '../fields.js';
import { K } from '../kinds.js';
import { M, type MessageBody } from '../messages/index.js';
import type { Analyzer, PathSegment } from '../types.js';

const RELATIVE = new Set(['INSERT_BEFORE', 'INSERT_AFTER', 'REPLACE', 'REMOVE']);
const REPLACEABLE = new Set(['HTTP_FILTER', 'NETWORK_FILTER', 'VIRTUAL_HOST']);
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
      const reported = new Set<string>();
      const report = (path: PathSegment[], message: MessageBody) => {
        if (reported.has(message.type.code)) return;
        reported.add(message.type.code);
        ctx.report({ resource: ef, path, message });
      };
      for (const [patch, i] of records(ef.spec.configPatches)) {
        const applyTo = str(patch.applyTo) ?? '';
        const operation = str(rec(patch.patch).operation) ?? '';
        const at: PathSegment[] = ['spec', 'configPatches', i, 'patch', 'operation'];
        if (operation === 'REPLACE' && !REPLACEABLE.has(applyTo)) {
          report(at, M.EnvoyFilterUsesReplaceOperationIncorrectly());
          continue;
        }
        if (operation === 'ADD' && ROUTES.has(applyTo)) {
          report(at, M.EnvoyFilterUsesAddOperationIncorrectly());
          continue;
        }
        if (operation === 'REMOVE' && ROUTES.has(applyTo)) {
          report(at, M.EnvoyFilterUsesRemoveOperationIncorrectly());
          continue;
        }
        if (RELATIVE.has(operation) && priority === 0) {
          const proxyVersion = str(rec(rec(patch.match).proxy).proxyVersion);
          report(at, proxyVersion ? M.EnvoyFilterUsesRelativeOperationWithProxyVersion() : M.EnvoyFilterUsesRelativeOperation());
        }
      }
    }
  },
};
