/**
 * Runs analyzers over a snapshot and turns their findings into diagnostics: origin, file:line:column of the
 * offending node, related locations, doc URL; stable order (file, line, column, code). Pure.
 */
import { documentationUrl } from './messages/index.js';
import { InternalError } from './messages/catalogue.js';
import type { Snapshot } from './snapshot.js';
import type { AnalysisContext, Analyzer, Diagnostic, Finding, MeshSettings, PathSegment, Resource, SchemaValidator } from './types.js';

export interface RunOptions {
  snapshot: Snapshot;
  analyzers: readonly Analyzer[];
  mesh?: Partial<MeshSettings>;
  /** Fixed time for checks that need one (certificate expiry). */
  now?: number;
  /** Schema validation for `schema.ValidationAnalyzer` (IST0106/0133). */
  validate?: SchemaValidator;
  /** The snapshot is the whole cluster state (default true). */
  complete?: boolean;
  /** Re-throw analyzer exceptions instead of reporting them as IST0001 (tests). */
  strict?: boolean;
  /** Filled with the kind ids each analyzer read (meta-tests). */
  accessLog?: Map<string, Set<string>>;
}

/** `VirtualService default/reviews`; `Namespace default` for cluster-scoped kinds. */
export function originName(r: Resource): string {
  return r.namespace === '' ? `${r.kind} ${r.name}` : `${r.kind} ${r.namespace}/${r.name}`;
}

interface Located {
  resource: Resource;
  file?: string;
  line?: number;
  column?: number;
}

/** The resource a message is shown on (the workload for template pods) and the position of `path` in it. */
function locate(resource: Resource, path: readonly PathSegment[] = [], at: 'key' | 'value' = 'value'): Located {
  let r = resource;
  let p = path;
  if (r.derivedFrom) {
    const inPod = p[0] === 'metadata' && (p[1] === 'name' || p[1] === 'namespace') ? [] : p;
    p = [...r.derivedFrom.pathPrefix, ...inPod];
    r = r.derivedFrom.resource;
  }
  if (r.source.type !== 'file') return { resource: r };
  const pos = p.length === 0 ? { line: r.source.line, col: r.source.col } : r.source.locate(p, at);
  return { resource: r, file: r.source.file, line: pos.line, column: pos.col };
}

/** Istio's per-resource suppression: a comma-separated list of codes, or `*`. */
export const SUPPRESS_ANNOTATION = 'galley.istio.io/analyze-suppress';

function suppressedByAnnotation(r: Resource, code: string): boolean {
  const value = r.annotations[SUPPRESS_ANNOTATION];
  if (value === undefined) return false;
  return value.split(',').some((c) => c.trim() === '*' || c.trim().toUpperCase() === code);
}

function toDiagnostic(f: Finding, analyzer: string): Diagnostic | undefined {
  const at = locate(f.resource, f.path, f.at);
  const type = f.message.type;
  if (suppressedByAnnotation(at.resource, type.code) || suppressedByAnnotation(f.resource, type.code)) return undefined;
  return {
    code: type.code,
    level: type.level,
    origin: originName(at.resource),
    reference: at.file !== undefined ? `${at.file}:${at.line}` : '',
    message: type.render(f.message.args),
    documentationUrl: documentationUrl(type.code),
    ...(at.file !== undefined ? { file: at.file, line: at.line, column: at.column } : {}),
    related: (f.related ?? []).map((rel) => {
      const r = locate(rel.resource, rel.path);
      return {
        ...(r.file !== undefined ? { file: r.file, line: r.line, column: r.column } : {}),
        origin: originName(r.resource),
        message: rel.message,
      };
    }),
    analyzer,
    resource: { kind: at.resource.kind, namespace: at.resource.namespace, name: at.resource.name },
  };
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.file ?? '\uffff';
  const fb = b.file ?? '\uffff';
  if (fa !== fb) return fa < fb ? -1 : 1;
  if ((a.line ?? 0) !== (b.line ?? 0)) return (a.line ?? 0) - (b.line ?? 0);
  if ((a.column ?? 0) !== (b.column ?? 0)) return (a.column ?? 0) - (b.column ?? 0);
  if (a.origin !== b.origin) return a.origin < b.origin ? -1 : 1;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

function contextFor(options: RunOptions, analyzer: Analyzer, sink: (f: Finding) => void): AnalysisContext {
  const s = options.snapshot;
  const mesh: MeshSettings = {
    meshConfig: options.mesh?.meshConfig ?? {},
    meshNetworks: options.mesh?.meshNetworks ?? {},
    istioNamespace: options.mesh?.istioNamespace ?? 'istio-system',
    revision: options.mesh?.revision ?? '',
  };
  let seen: Set<string> | undefined;
  if (options.accessLog) {
    seen = options.accessLog.get(analyzer.meta.name) ?? new Set();
    options.accessLog.set(analyzer.meta.name, seen);
  }
  const touch = seen ? (kind: string) => void seen.add(kind) : () => {};
  return {
    mesh,
    now: options.now ?? 0,
    complete: options.complete ?? true,
    ...(options.validate ? { validate: options.validate } : {}),
    all: (kind) => (touch(kind), s.all(kind)),
    inNamespace: (kind, ns) => (touch(kind), s.inNamespace(kind, ns)),
    get: (kind, ns, name) => (touch(kind), s.get(kind, ns, name)),
    withLabels: (kind, ns, labels) => (touch(kind), s.withLabels(kind, ns, labels)),
    namespaceNames: () => s.namespaceNames(),
    remoteClusters: (kind) => (touch(kind), s.remoteClusters(kind)),
    report: sink,
  };
}

/** Runs every analyzer; returns all diagnostics, deduplicated and sorted. */
export function runAnalyzers(options: RunOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const push = (d: Diagnostic | undefined) => {
    if (!d) return;
    const id = `${d.code}\u0000${d.origin}\u0000${d.file ?? ''}:${d.line ?? 0}:${d.column ?? 0}\u0000${d.message}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push(d);
  };
  for (const analyzer of options.analyzers) {
    const ctx = contextFor(options, analyzer, (f) => push(toDiagnostic(f, analyzer.meta.name)));
    try {
      analyzer.analyze(ctx);
    } catch (err) {
      if (options.strict) throw err;
      const detail = `analyzer ${analyzer.meta.name} failed: ${err instanceof Error ? err.message : String(err)}`;
      out.push({
        code: InternalError.type.code,
        level: InternalError.type.level,
        origin: analyzer.meta.name,
        reference: '',
        message: InternalError.type.render([detail]),
        documentationUrl: documentationUrl(InternalError.type.code),
        related: [],
        analyzer: analyzer.meta.name,
        resource: { kind: '', namespace: '', name: '' },
      });
    }
  }
  return out.sort(compareDiagnostics);
}
