/**
 * The analyzer framework's types. An analyzer is metadata (name, description, the kinds it reads) plus a
 * pure `analyze(ctx)` that reads the indexed snapshot through `ctx` and reports messages with `ctx.report`.
 */
import type { PathSegment, Position } from '../resources/types.js';
import type { Level, MessageBody } from './messages/index.js';

export type { PathSegment, Position };

/** Where an object came from. File objects know the position of any of their fields. */
export type ResourceSource =
  | { type: 'file'; file: string; line: number; col: number; locate(path: readonly PathSegment[], at?: 'key' | 'value'): Position }
  | { type: 'cluster' };

export interface Resource {
  /** Kind id from ./kinds.ts (`VirtualService.networking.istio.io`, `Service`, `Deployment.apps`). */
  readonly kindId: string;
  /** Kind as written (`VirtualService`). */
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string;
  /** '' for cluster-scoped kinds. */
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The object as plain data. Analyzers must treat it as untrusted: any field may be missing or mistyped. */
  readonly object: Readonly<Record<string, unknown>>;
  /** `object.spec` when it is a mapping, else `{}`. */
  readonly spec: Readonly<Record<string, unknown>>;
  readonly source: ResourceSource;
  /**
   * Set on Pods made from a workload's template (when the input has no Pods): messages about them are
   * reported on the workload, at `pathPrefix` + the pod path.
   */
  readonly derivedFrom?: { readonly resource: Resource; readonly pathPrefix: readonly PathSegment[] };
  /** `kindId/namespace/name`: unique in a snapshot. */
  readonly key: string;
}

/** Label selector as Kubernetes writes it. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** Read access to the snapshot. Lists are in a stable order (namespace, name). */
export interface SnapshotView {
  /** Every object of a kind. */
  all(kindId: string): readonly Resource[];
  /** Objects of a kind in one namespace. */
  inNamespace(kindId: string, namespace: string): readonly Resource[];
  get(kindId: string, namespace: string, name: string): Resource | undefined;
  /** Objects of a kind in `namespace` (all namespaces when undefined) whose labels match every `key=value` of `labels`. */
  withLabels(kindId: string, namespace: string | undefined, labels: Readonly<Record<string, string>>): readonly Resource[];
  /** Namespaces that exist (from Namespace objects) or that any object lives in, sorted. */
  namespaceNames(): readonly string[];
  /** Objects of a kind in each other cluster of a multi-cluster analysis (`--remote-contexts`); [] otherwise. */
  remoteClusters(kindId: string): ReadonlyArray<{ cluster: string; resources: readonly Resource[] }>;
}

/** Another place a message points at (the resource referenced from, the other half of a conflict). */
export interface RelatedRef {
  resource: Resource;
  path?: readonly PathSegment[];
  message: string;
}

export interface Finding {
  /** The resource the message is about. */
  resource: Resource;
  message: MessageBody;
  /** The offending node inside the resource (e.g. `['spec', 'gateways', 1]`); the resource itself when omitted. */
  path?: readonly PathSegment[];
  /** Point at the key of the last path segment instead of its value (a map key such as a header name). */
  at?: 'key' | 'value';
  related?: readonly RelatedRef[];
}

/** Mesh-wide settings analyzers may consult (from --meshConfigFile / the istio ConfigMap). */
export interface MeshSettings {
  /** The MeshConfig as plain data ({} when unknown). */
  meshConfig: Readonly<Record<string, unknown>>;
  /** The MeshNetworks as plain data ({} when unknown). */
  meshNetworks: Readonly<Record<string, unknown>>;
  /** Where the control plane runs (`-i`). */
  istioNamespace: string;
  /** `-r`: the control-plane revision to analyze against ('' = default). */
  revision: string;
}

/** One schema problem of a resource, from the validators (src/validators) wired in by the command. */
export interface SchemaIssue {
  path: readonly PathSegment[];
  message: string;
  severity: 'error' | 'warning';
}

/** Validates one resource against the schema of its kind; undefined when the kind has no schema. */
export type SchemaValidator = (resource: Resource) => readonly SchemaIssue[] | undefined;

export interface AnalysisContext extends SnapshotView {
  readonly mesh: MeshSettings;
  /** Milliseconds since the epoch, fixed for a run (analyzers never read the clock). */
  readonly now: number;
  /**
   * True when the snapshot is the whole cluster state (listed from a cluster, or `--snapshot` files). When
   * false (loose files), an object missing from the snapshot may still exist: analyzers that conclude from the
   * absence of cluster state (pods, namespaces, secrets, webhooks, ConfigMaps) must stay silent. References
   * between Istio objects and to Services are checked either way, as istioctl does.
   */
  readonly complete: boolean;
  /** Schema validation of a resource, when the command provides it (else undefined). */
  readonly validate?: SchemaValidator;
  report(finding: Finding): void;
}

export interface AnalyzerMeta {
  /** `virtualservice.GatewayAnalyzer`: Istio's name where Istio has the same analyzer. */
  name: string;
  description: string;
  /** Kind ids (from ./kinds.ts) the analyzer reads; the only kinds listed from a cluster for it. */
  inputs: readonly string[];
  /** Names sailctl used for this check before it took Istio's name; `--analyzer` still accepts them. */
  aliases?: readonly string[];
  /** Run only when named with `--analyzer` (Istio leaves it out of its default set). */
  optIn?: boolean;
  /** The schema kind a `schema.ValidationAnalyzer.<Kind>` validates (the command precomputes its validation). */
  validates?: string;
}

export interface Analyzer {
  readonly meta: AnalyzerMeta;
  analyze(ctx: AnalysisContext): void;
  /** The checks an analyzer combines (Istio runs them under one name); each lives in its own file. */
  readonly parts?: readonly Analyzer[];
}

/** One message as printed: Istio's fields plus the file position and related locations. */
export interface Diagnostic {
  code: string;
  level: Level;
  /** `VirtualService default/reviews`; cluster-scoped kinds without namespace. */
  origin: string;
  /** `file:line` of the offending node for file inputs, '' otherwise (Istio's "reference"). */
  reference: string;
  message: string;
  documentationUrl: string;
  file?: string;
  line?: number;
  column?: number;
  related: Array<{ file?: string; line?: number; column?: number; origin: string; message: string }>;
  /** The analyzer that reported it. */
  analyzer: string;
  /** For suppression/baseline: kind, namespace and name of the origin resource. */
  resource: { kind: string; namespace: string; name: string };
}
