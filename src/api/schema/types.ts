/**
 * The schema model: a small tree of typed nodes that describes Istio's API messages once, from which the
 * generator derives both the CRD (structural OpenAPI v3) and the strict validator (JSON Schema for ajv).
 * Build nodes with the functions in `builders.ts`, never by hand.
 */

/** A CEL rule as Kubernetes evaluates it (`x-kubernetes-validations`); sailctl checks its intent in TS too. */
export interface CelRule {
  rule: string;
  message: string;
}

interface Common {
  /** Short description, our own words. */
  description?: string;
  /** `nullable: true` (protobuf wrapper types such as BoolValue). */
  nullable?: boolean;
  cel?: readonly CelRule[];
}

export interface StringNode extends Common {
  type: 'string';
  format?: 'date-time' | 'byte';
  enum?: readonly string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
}

export interface IntegerNode extends Common {
  type: 'integer';
  format?: 'int32' | 'int64';
  minimum?: number;
  maximum?: number;
}

export interface NumberNode extends Common {
  type: 'number';
  format?: 'double' | 'float';
  minimum?: number;
  maximum?: number;
}

export interface BooleanNode extends Common {
  type: 'boolean';
}

export interface ArrayNode extends Common {
  type: 'array';
  items: SchemaNode;
  minItems?: number;
  maxItems?: number;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: readonly string[];
}

/** A string-keyed map (`map<string, T>` in protobuf): `additionalProperties: T`. */
export interface MapNode extends Common {
  type: 'map';
  values: SchemaNode;
  minProperties?: number;
  maxProperties?: number;
}

/** A protobuf message: named fields, some required, some in mutually exclusive `oneof` groups. */
export interface MessageNode extends Common {
  type: 'object';
  fields: Readonly<Record<string, SchemaNode>>;
  required?: readonly string[];
  /** Each group: at most one of these fields may be set (protobuf `oneof`). */
  oneOf?: readonly (readonly string[])[];
  /** Keep fields not listed here (Kubernetes `x-kubernetes-preserve-unknown-fields`), e.g. resource status. */
  preserveUnknown?: boolean;
}

/** `int-or-string` (`x-kubernetes-int-or-string`). */
export interface IntOrStringNode extends Common {
  type: 'int-or-string';
}

/** Free-form data (google.protobuf.Struct/Any, Envoy config): any object, not checked further. */
export interface PreserveNode extends Common {
  type: 'preserve';
  /** Struct values are objects; `google.protobuf.Value` is anything. */
  anyType?: boolean;
}

export type SchemaNode =
  | StringNode
  | IntegerNode
  | NumberNode
  | BooleanNode
  | ArrayNode
  | MapNode
  | MessageNode
  | IntOrStringNode
  | PreserveNode;

export interface PrinterColumn {
  name: string;
  type: 'string' | 'date' | 'integer' | 'boolean' | 'number';
  jsonPath: string;
  description?: string;
  priority?: number;
}

/** One Istio kind: its CRD names and its message tree (the same for every served version, as in Istio). */
export interface KindDefinition {
  group: string;
  kind: string;
  plural: string;
  singular?: string;
  listKind?: string;
  shortNames?: readonly string[];
  categories: readonly string[];
  scope?: 'Namespaced' | 'Cluster';
  /** Served versions, in the order Istio lists them. */
  versions: readonly { name: string; storage?: boolean; deprecated?: boolean }[];
  printerColumns?: readonly PrinterColumn[];
  /** Extra labels Istio puts on this CRD (besides the common ones), e.g. `istio: security`. */
  labels?: Readonly<Record<string, string>>;
  /** `spec` is required at the top level. */
  specRequired?: boolean;
  spec: MessageNode;
  /** Defaults to Istio's shared status message. */
  status?: SchemaNode;
}
