/** Shapes shared by the injection pipeline. Plain data: everything here is JSON-compatible. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A Kubernetes label selector (matchLabels + matchExpressions). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** The injector's own settings: the `config` key of the istio-sidecar-injector ConfigMap. */
export interface InjectorSettings {
  /** `enabled`: inject unless opted out; `disabled`: only when opted in. */
  policy: string;
  alwaysInjectSelector: LabelSelector[];
  neverInjectSelector: LabelSelector[];
  injectedAnnotations: Record<string, string>;
  defaultTemplates: string[];
  /** Template name -> Go text/template text. */
  templates: Record<string, string>;
  /** Alias name -> template names (inject.istio.io/templates may name an alias). */
  aliases: Record<string, string[]>;
}

/** Everything injection needs, resolved: the injector settings, Helm-style values and the mesh config. */
export interface InjectConfig {
  injector: InjectorSettings;
  /** The `values` of the injector ConfigMap (Helm values, JSON). */
  values: JsonObject;
  /** MeshConfig as JSON (camelCase field names, as in the `istio` ConfigMap's `mesh` key). */
  meshConfig: JsonObject;
  /** Control-plane revision ('' = default). */
  revision: string;
}

export type WorkloadOutcome =
  | { action: 'injected' }
  | { action: 'uninjected' }
  | { action: 'skipped'; reason: string }
  | { action: 'unchanged'; reason: string }
  | { action: 'current' }
  | { action: 'missing'; reason: string }
  | { action: 'stale'; reason: string };

/** One line of the per-workload report. */
export interface WorkloadReport {
  kind: string;
  name: string;
  namespace?: string;
  /** 1-based position of the workload in its file. */
  line: number;
  col: number;
  outcome: WorkloadOutcome;
}

/** A problem that stops the run (nothing is written): malformed YAML, an invalid annotation. */
export interface InjectProblem {
  line: number;
  col: number;
  message: string;
}

export interface StreamResult {
  /** The whole YAML stream; documents that were not changed are byte-for-byte the input. */
  text: string;
  reports: WorkloadReport[];
  problems: InjectProblem[];
}
