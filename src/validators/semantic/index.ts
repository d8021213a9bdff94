/**
 * Semantic checks that JSON Schema cannot express, as istiod's validation does them, one module per API
 * group, loaded only when a resource of that group is validated. Part of the registry: add a group with
 * one line in GROUPS.
 */
import type { PathSegment } from '../../resources/types.js';

export interface SemanticIssue {
  path: PathSegment[];
  message: string;
  severity: 'error' | 'warning';
  /** Point at the key rather than the value (unknown fields). */
  at?: 'key' | 'value';
}

export interface SemanticContext {
  referential: boolean;
  report(path: PathSegment[], message: string, severity?: 'error' | 'warning'): void;
}

/** Checks one whole document (paths start at the document root, e.g. `['spec', 'hosts', 0]`). */
export type SemanticCheck = (doc: Record<string, unknown>, ctx: SemanticContext) => void;

export interface SemanticModule {
  /** kind -> check */
  readonly checks: Readonly<Record<string, SemanticCheck>>;
}

const GROUPS: Readonly<Record<string, () => Promise<SemanticModule>>> = {
  'extensions.istio.io': () => import('./extensions.js'),
  'networking.istio.io': () => import('./networking.js'),
  'security.istio.io': () => import('./security.js'),
  'telemetry.istio.io': () => import('./telemetry.js'),
};

const loaded = new Map<string, SemanticModule>();

export async function semanticChecksFor(group: string, kind: string): Promise<SemanticCheck | undefined> {
  let mod = loaded.get(group);
  if (!mod) {
    const load = GROUPS[group];
    if (!load) return undefined;
    mod = await load();
    loaded.set(group, mod);
  }
  return mod.checks[kind];
}
