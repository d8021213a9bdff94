/**
 * Runs one analyzer over a fixture file (as `--use-kube=false --snapshot` would) and returns its findings as
 * short lines, `IST0101 VirtualService default/bad x.fixture.yaml:12:7`, for table-style assertions.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { meshResources } from '../../src/analyze/defaults.js';
import { runAnalyzers } from '../../src/analyze/run.js';
import { Snapshot } from '../../src/analyze/snapshot.js';
import type { Analyzer, Diagnostic, MeshSettings } from '../../src/analyze/types.js';
import { parseResources } from '../../src/resources/parse.js';

export interface FixtureOptions {
  mesh?: Partial<MeshSettings>;
  now?: number;
  /** The snapshot is the whole cluster state (default true, as with --snapshot). */
  complete?: boolean;
  /** Extra YAML appended to the fixture (cases built in the test). */
  extra?: string;
}

export function analyzeText(analyzer: Analyzer, name: string, text: string, options: FixtureOptions = {}): Diagnostic[] {
  const parsed = parseResources({ name, text });
  if (parsed.problems.length > 0) throw new Error(`fixture ${name} does not parse: ${JSON.stringify(parsed.problems)}`);
  const snapshot = new Snapshot({ files: parsed.resources, defaultNamespace: 'default' });
  const mesh = options.mesh ?? {};
  snapshot.addDefaults(meshResources({ meshConfig: mesh.meshConfig ?? {}, meshNetworks: mesh.meshNetworks ?? {}, istioNamespace: mesh.istioNamespace ?? 'istio-system', revision: mesh.revision ?? '' }));
  return runAnalyzers({ snapshot, analyzers: [analyzer], mesh: options.mesh, now: options.now ?? Date.UTC(2026, 0, 1), complete: options.complete ?? true, strict: true });
}

export function analyzeFixture(analyzer: Analyzer, path: string | URL, options: FixtureOptions = {}): Diagnostic[] {
  const text = readFileSync(path, 'utf8') + (options.extra ? `\n---\n${options.extra}` : '');
  return analyzeText(analyzer, basename(typeof path === 'string' ? path : path.pathname), text, options);
}

/** `IST0101 VirtualService default/bad x.yaml:12:7` */
export function brief(d: Diagnostic): string {
  return `${d.code} ${d.origin}${d.file ? ` ${d.file}:${d.line}:${d.column}` : ''}`;
}

export function briefs(ds: readonly Diagnostic[]): string[] {
  return ds.map(brief);
}
