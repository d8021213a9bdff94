/**
 * The authoring vocabulary for Istio kinds: one function per protobuf shape. Nodes are plain immutable data;
 * reuse a message by assigning it to a constant (see `src/api/kinds/shared.ts`).
 *
 *   const Port = msg({ number: uint32(), protocol: str(), name: str() }, { required: ['number', 'protocol', 'name'] });
 */
import type {
  ArrayNode,
  BooleanNode,
  CelRule,
  IntegerNode,
  IntOrStringNode,
  MapNode,
  MessageNode,
  NumberNode,
  PreserveNode,
  SchemaNode,
  StringNode,
} from './types.js';

type Opts<T> = Omit<T, 'type'>;

export const UINT32_MAX = 4294967295;

export function str(opts: Opts<StringNode> = {}): StringNode {
  return { type: 'string', ...opts };
}

/** A protobuf enum: its value names, as strings. */
export function enumOf(values: readonly string[], opts: Opts<StringNode> = {}): StringNode {
  return { type: 'string', enum: values, ...opts };
}

export function int32(opts: Opts<IntegerNode> = {}): IntegerNode {
  return { type: 'integer', format: 'int32', ...opts };
}

/** uint32 (and google.protobuf.UInt32Value without `nullable`): 0 ..= 2^32-1. */
export function uint32(opts: Opts<IntegerNode> = {}): IntegerNode {
  return { type: 'integer', minimum: 0, maximum: UINT32_MAX, ...opts };
}

/** int64/uint64 as Istio renders them: a plain integer. */
export function int64(opts: Opts<IntegerNode> = {}): IntegerNode {
  return { type: 'integer', ...opts };
}

export function double(opts: Opts<NumberNode> = {}): NumberNode {
  return { type: 'number', format: 'double', ...opts };
}

export function bool(opts: Opts<BooleanNode> = {}): BooleanNode {
  return { type: 'boolean', ...opts };
}

/** google.protobuf.BoolValue: a boolean that may be null (unset). */
export function boolValue(opts: Opts<BooleanNode> = {}): BooleanNode {
  return { type: 'boolean', nullable: true, ...opts };
}

export function list(items: SchemaNode, opts: Omit<Opts<ArrayNode>, 'items'> = {}): ArrayNode {
  return { type: 'array', items, ...opts };
}

/** `map<string, T>`. */
export function map(values: SchemaNode, opts: Omit<Opts<MapNode>, 'values'> = {}): MapNode {
  return { type: 'map', values, ...opts };
}

/** A message. `required` lists fields that must be set; each `oneOf` group allows at most one of its fields. */
export function msg(fields: Record<string, SchemaNode>, opts: Omit<Opts<MessageNode>, 'fields'> = {}): MessageNode {
  return { type: 'object', fields, ...opts };
}

export function intOrString(opts: Opts<IntOrStringNode> = {}): IntOrStringNode {
  return { type: 'int-or-string', ...opts };
}

/** google.protobuf.Struct / Any and other free-form objects: kept as written, not checked. */
export function preserve(opts: Opts<PreserveNode> = {}): PreserveNode {
  return { type: 'preserve', ...opts };
}

export function cel(rule: string, message: string): CelRule {
  return { rule, message };
}

/** Adds CEL rules to a node (keeps the ones it has). */
export function withCel<T extends SchemaNode>(node: T, ...rules: CelRule[]): T {
  return { ...node, cel: [...(node.cel ?? []), ...rules] };
}

/** Marks a node nullable (protobuf wrapper types). */
export function nullable<T extends SchemaNode>(node: T): T {
  return { ...node, nullable: true };
}

/** Replaces or sets a node's description. */
export function describe<T extends SchemaNode>(node: T, description: string): T {
  return { ...node, description };
}

/** The rule every google.protobuf.Duration carries: parseable and at least 1ms. */
export const DURATION_RULE = cel("duration(self) >= duration('1ms')", 'must be a valid duration of at least 1ms');

/** google.protobuf.Duration: a string such as `1.5s` or `1m30s`, at least 1ms. */
export function duration(opts: Opts<StringNode> = {}): StringNode {
  return { type: 'string', ...opts, cel: [DURATION_RULE, ...(opts.cel ?? [])] };
}

/** Copies a message with some fields replaced, added or (with `undefined`) removed. */
export function extend(base: MessageNode, fields: Record<string, SchemaNode | undefined>, opts: Omit<Opts<MessageNode>, 'fields'> = {}): MessageNode {
  const merged: Record<string, SchemaNode> = { ...base.fields };
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  return { ...base, ...opts, fields: merged };
}
