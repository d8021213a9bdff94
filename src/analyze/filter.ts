/**
 * What happens to diagnostics after the analyzers: `-S CODE=Kind name` suppressions (with `*` wildcards),
 * baselines (only findings not in the baseline count), output and failure thresholds. Pure.
 */
import { LEVEL_RANK, type Level } from './messages/index.js';
import type { Diagnostic } from './types.js';

export interface Suppression {
  code: RegExp;
  resource: RegExp;
  text: string;
}

function glob(pattern: string, flags = ''): RegExp {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\/]/g, '\\$&').replace(/\*/g, '.*')}$`, flags);
}

/** `IST0102=Namespace default`, `IST0107=Pod *.baz`, `*=VirtualService default/*`; undefined when malformed. */
export function parseSuppression(text: string): Suppression | undefined {
  const eq = text.indexOf('=');
  if (eq <= 0) return undefined;
  const code = text.slice(0, eq).trim();
  const resource = text.slice(eq + 1).trim();
  if (!/^(IST\d{4}|\*|IST[\d*]+)$/i.test(code) || !/^\S+ \S+$/.test(resource)) return undefined;
  return { code: glob(code, 'i'), resource: glob(resource), text };
}

/** Istio accepts `Kind name.namespace`; sailctl also `Kind namespace/name` and `Kind name` (cluster-scoped). */
function resourceNames(d: Diagnostic): string[] {
  const { kind, namespace, name } = d.resource;
  return namespace === '' ? [`${kind} ${name}`] : [`${kind} ${name}.${namespace}`, `${kind} ${namespace}/${name}`];
}

export function isSuppressed(d: Diagnostic, suppressions: readonly Suppression[]): boolean {
  return suppressions.some((s) => s.code.test(d.code) && resourceNames(d).some((n) => s.resource.test(n)));
}

export function parseLevel(text: string): Level | undefined {
  const t = text.toLowerCase();
  return t === 'error' ? 'Error' : t === 'warning' || t === 'warn' ? 'Warning' : t === 'info' ? 'Info' : undefined;
}

export function atLeast(level: Level, threshold: Level): boolean {
  return LEVEL_RANK[level] <= LEVEL_RANK[threshold];
}

// ---- baselines ----

export interface BaselineEntry {
  code: string;
  origin: string;
  message: string;
}

export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

/** Line numbers are left out on purpose: editing a file above a known finding must not make it new. */
function fingerprint(e: BaselineEntry): string {
  return `${e.code}\u0000${e.origin}\u0000${e.message}`;
}

export function makeBaseline(diagnostics: readonly Diagnostic[]): Baseline {
  const findings = diagnostics
    .map((d) => ({ code: d.code, origin: d.origin, message: d.message }))
    .sort((a, b) => fingerprint(a).localeCompare(fingerprint(b)));
  return { version: 1, findings };
}

/** Reads a parsed baseline document; undefined when it is not one. */
export function readBaseline(data: unknown): Baseline | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const findings = (data as { findings?: unknown }).findings;
  if (!Array.isArray(findings)) return undefined;
  const out: BaselineEntry[] = [];
  for (const f of findings) {
    const e = f as Partial<BaselineEntry> | null;
    if (!e || typeof e.code !== 'string' || typeof e.origin !== 'string' || typeof e.message !== 'string') return undefined;
    out.push({ code: e.code, origin: e.origin, message: e.message });
  }
  return { version: 1, findings: out };
}

/** The diagnostics not covered by the baseline (each baseline entry covers one occurrence). */
export function newSinceBaseline(diagnostics: readonly Diagnostic[], baseline: Baseline): Diagnostic[] {
  const left = new Map<string, number>();
  for (const e of baseline.findings) left.set(fingerprint(e), (left.get(fingerprint(e)) ?? 0) + 1);
  return diagnostics.filter((d) => {
    const key = fingerprint(d);
    const n = left.get(key) ?? 0;
    if (n === 0) return true;
    left.set(key, n - 1);
    return false;
  });
}

export interface FilterOptions {
  suppressions: readonly Suppression[];
  baseline?: Baseline;
  outputThreshold: Level;
  failureThreshold: Level;
}

export interface Filtered {
  /** What to print. */
  shown: Diagnostic[];
  /** After suppressions (what a new baseline records). */
  kept: Diagnostic[];
  /** After suppressions and baseline: what counts for the exit code. */
  counted: Diagnostic[];
  /** Whether any counted diagnostic reaches the failure threshold. */
  failed: boolean;
  suppressed: number;
  baselined: number;
}

export function filterDiagnostics(all: readonly Diagnostic[], options: FilterOptions): Filtered {
  const kept = all.filter((d) => !isSuppressed(d, options.suppressions));
  const counted = options.baseline ? newSinceBaseline(kept, options.baseline) : kept;
  return {
    kept,
    shown: counted.filter((d) => atLeast(d.level, options.outputThreshold)),
    counted,
    failed: counted.some((d) => atLeast(d.level, options.failureThreshold)),
    suppressed: all.length - kept.length,
    baselined: kept.length - counted.length,
  };
}

/** Without `-A`: only diagnostics about objects in `namespace` (and cluster-scoped ones). */
export function inNamespace(diagnostics: readonly Diagnostic[], namespace: string): Diagnostic[] {
  return diagnostics.filter((d) => d.resource.namespace === '' || d.resource.namespace === namespace);
}
