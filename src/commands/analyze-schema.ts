/**
 * Schema validation for `schema.ValidationAnalyzer` (IST0106/0133): validates the snapshot's Istio objects with
 * src/validators before the (synchronous, pure) analyzers run, and hands them a lookup. Reference checks are
 * left to the analyzers, which see the whole snapshot (so a missing gateway is one IST0101, not also an IST0106).
 */
import type { Snapshot } from '../analyze/snapshot.js';
import type { Resource, SchemaIssue, SchemaValidator } from '../analyze/types.js';
import type { LoadedResource } from '../resources/types.js';

const VERSIONS = ['v1', 'v1beta1', 'v1alpha3', 'v1alpha2', 'v1alpha1'];

function asLoaded(r: Resource): LoadedResource {
  const file = r.source.type === 'file' ? r.source : undefined;
  return {
    apiVersion: r.apiVersion,
    kind: r.kind,
    name: r.name,
    namespace: r.namespace || undefined,
    object: r.object as Record<string, unknown>,
    origin: { file: file?.file ?? '', docIndex: 0, line: file?.line ?? 1, col: file?.col ?? 1 },
    locate: file ? file.locate : () => ({ line: 1, col: 1 }),
  };
}

/** Validates every object of `kindIds` (in parallel) and returns a validator answering from the results. */
export async function precomputeSchemaValidator(snapshot: Snapshot, kindIds: readonly string[]): Promise<SchemaValidator> {
  const { validateResource, isIstioKind } = await import('../validators/index.js');
  // Validate a kind when a schema for some version of it is compiled: then a wrong version is reported too.
  const known = (apiVersion: string, kind: string) => {
    const group = apiVersion.split('/')[0] ?? '';
    return VERSIONS.some((v) => isIstioKind(`${group}/${v}`, kind));
  };
  const results = new Map<string, SchemaIssue[]>();
  const targets = kindIds.flatMap((k) => snapshot.all(k)).filter((r) => !r.derivedFrom && known(r.apiVersion, r.kind));
  await Promise.all(
    targets.map(async (r) => {
      const issues = await validateResource(asLoaded(r), { referential: false });
      results.set(r.key, issues.map((i) => ({ path: i.path, message: i.message, severity: i.severity })));
    }),
  );
  return (r) => results.get(r.key);
}
