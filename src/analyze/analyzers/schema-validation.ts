/**
 * schema.ValidationAnalyzer.<Kind>: Istio resources must match the schema of their kind (IST0106 for errors,
 * IST0133 for warnings), at the offending field. The validation itself comes from src/validators through
 * `ctx.validate`, which the command provides.
 */
import { combineAnalyzers } from '../combine.js';
import { K, type KindName } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';
import { schemaVirtualServiceRules } from './schema-virtualservice-rules.js';

/** The kinds Istio validates, one `schema.ValidationAnalyzer.<Kind>` each (as Istio builds them from its schemas). */
const SCHEMA_KINDS = [
  'AuthorizationPolicy',
  'DestinationRule',
  'EnvoyFilter',
  'Gateway',
  'MeshConfig',
  'MeshNetworks',
  'PeerAuthentication',
  'ProxyConfig',
  'RequestAuthentication',
  'ServiceEntry',
  'Sidecar',
  'Telemetry',
  'TrafficExtension',
  'VirtualService',
  'WasmPlugin',
  'WorkloadEntry',
  'WorkloadGroup',
] as const satisfies readonly KindName[];

export type SchemaKind = (typeof SCHEMA_KINDS)[number];

/** Schema validation of one kind: errors as IST0106, warnings as IST0133, at the offending field. */
export function schemaValidationOf(kind: SchemaKind): Analyzer {
  const id = K[kind];
  return {
    meta: {
      name: `schema.ValidationAnalyzer.${kind}`,
      description: `Checks ${kind} resources against their schema`,
      inputs: [id],
      validates: id,
    },
    analyze(ctx) {
      const validate = ctx.validate;
      if (!validate) return;
      for (const r of ctx.all(id)) {
        for (const issue of validate(r) ?? []) {
          const text = issue.path.length > 0 ? `${formatPath(issue.path)}: ${issue.message}` : issue.message;
          ctx.report({ resource: r, path: issue.path, message: issue.severity === 'warning' ? M.SchemaWarning(text) : M.SchemaValidationError(text) });
        }
      }
    },
  };
}

/** Every `schema.ValidationAnalyzer.<Kind>`; VirtualService's also checks for routes that can never be used. */
export const schemaValidation = Object.fromEntries(
  SCHEMA_KINDS.map((kind) => [
    kind,
    kind === 'VirtualService'
      ? combineAnalyzers({ name: 'schema.ValidationAnalyzer.VirtualService', description: 'Checks VirtualService resources against their schema, and for routes and matches that can never be used', aliases: ['schema.VirtualServiceRulesAnalyzer'], validates: K.VirtualService }, [schemaValidationOf(kind), schemaVirtualServiceRules])
      : schemaValidationOf(kind),
  ]),
) as Record<SchemaKind, Analyzer>;

/** `spec.http[0].route` */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
