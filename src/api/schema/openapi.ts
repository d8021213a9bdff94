/**
 * Schema nodes -> structural OpenAPI v3 as Kubernetes CRDs need it: `type` on every node, objects with either
 * `properties` or `additionalProperties` (never both), oneof groups as value validations only, CEL rules as
 * `x-kubernetes-validations`. Keys are sorted so the output is deterministic.
 */
import type { MessageNode, SchemaNode } from './types.js';

export type JsonSchema = { [key: string]: unknown };

function oneOfGroup(group: readonly string[]): JsonSchema {
  return {
    oneOf: [{ not: { anyOf: group.map((f) => ({ required: [f] })) } }, ...group.map((f) => ({ required: [f] }))],
  };
}

function sortKeys(o: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

function messageSchema(node: MessageNode): JsonSchema {
  const properties: JsonSchema = {};
  for (const name of Object.keys(node.fields).sort()) properties[name] = toOpenApi(node.fields[name] as SchemaNode);
  const groups = node.oneOf ?? [];
  const s: JsonSchema = {
    type: 'object',
    properties: Object.keys(properties).length > 0 ? properties : undefined,
    required: node.required && node.required.length > 0 ? [...node.required] : undefined,
    'x-kubernetes-preserve-unknown-fields': node.preserveUnknown ? true : undefined,
  };
  if (groups.length === 1) s.oneOf = oneOfGroup(groups[0] as string[]).oneOf;
  else if (groups.length > 1) s.allOf = groups.map(oneOfGroup);
  return s;
}

/** One node -> its CRD schema. */
export function toOpenApi(node: SchemaNode): JsonSchema {
  let s: JsonSchema;
  switch (node.type) {
    case 'string':
      s = { type: 'string', format: node.format, enum: node.enum ? [...node.enum] : undefined, pattern: node.pattern, minLength: node.minLength, maxLength: node.maxLength };
      break;
    case 'integer':
    case 'number':
      s = { type: node.type, format: node.format, minimum: node.minimum, maximum: node.maximum };
      break;
    case 'boolean':
      s = { type: 'boolean' };
      break;
    case 'array':
      s = {
        type: 'array',
        items: toOpenApi(node.items),
        minItems: node.minItems,
        maxItems: node.maxItems,
        'x-kubernetes-list-type': node.listType,
        'x-kubernetes-list-map-keys': node.listMapKeys ? [...node.listMapKeys] : undefined,
      };
      break;
    case 'map':
      s = { type: 'object', additionalProperties: toOpenApi(node.values), minProperties: node.minProperties, maxProperties: node.maxProperties };
      break;
    case 'object':
      s = messageSchema(node);
      break;
    case 'int-or-string':
      s = { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true };
      break;
    case 'preserve':
      s = node.anyType ? { 'x-kubernetes-preserve-unknown-fields': true } : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
      break;
  }
  s.description = node.description;
  if (node.nullable) s.nullable = true;
  if (node.cel && node.cel.length > 0) s['x-kubernetes-validations'] = node.cel.map((r) => ({ message: r.message, rule: r.rule }));
  return sortKeys(s);
}
