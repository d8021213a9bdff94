/**
 * schema.ValidationAnalyzer: Istio resources must match the schema of their kind (IST0106 for errors,
 * IST0133 for warnings), at the offending field. The validation itself comes from src/validators through
 * `ctx.validate`, which the command provides.
 */
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';

const ISTIO_KINDS = [
  K.AuthorizationPolicy,
  K.DestinationRule,
  K.EnvoyFilter,
  K.Gateway,
  K.PeerAuthentication,
  K.ProxyConfig,
  K.RequestAuthentication,
  K.ServiceEntry,
  K.Sidecar,
  K.Telemetry,
  K.VirtualService,
  K.WasmPlugin,
  K.WorkloadEntry,
  K.WorkloadGroup,
];

export const schemaValidation: Analyzer = {
  meta: {
    name: 'schema.ValidationAnalyzer',
    description: 'Checks Istio resources against the schema of their kind',
    inputs: ISTIO_KINDS,
  },
  analyze(ctx) {
    const validate = ctx.validate;
    if (!validate) return;
    for (const kind of ISTIO_KINDS) {
      for (const r of ctx.all(kind)) {
        for (const issue of validate(r) ?? []) {
          const text = issue.path.length > 0 ? `${formatPath(issue.path)}: ${issue.message}` : issue.message;
          ctx.report({ resource: r, path: issue.path, message: issue.severity === 'warning' ? M.SchemaWarning(text) : M.SchemaValidationError(text) });
        }
      }
    }
  },
};

/** `spec.http[0].route` */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
