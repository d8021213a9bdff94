/**
 * Schema nodes -> the strict JSON Schema sailctl validates with (ajv, compiled at build time):
 * unknown fields are errors (`additionalProperties: false`, as `kubectl --validate=strict`), null means unset,
 * messages used more than once become `$defs`. CEL rules, protobuf oneof groups and enums are not checked by
 * ajv: they are collected into `celTree` (as the pseudo-rules `oneof:a,b,c` and `enum:A|B`) and checked in TS,
 * which keeps the compiled code small (it is parsed at every start of `sailctl validate`).
 */
import type { CelRule, MessageNode, SchemaNode } from './types.js';
import type { JsonSchema } from './openapi.js';

const INT32 = { minimum: -2147483648, maximum: 2147483647 };

/** Rule text of a oneof group in `rules`: `oneof:` and the field names, comma-separated. */
export const ONEOF_PREFIX = 'oneof:';
/** Rule text of an enum in `rules`: `enum:` and the values, `|`-separated (enums stay out of the ajv code, too). */
export const ENUM_PREFIX = 'enum:';

/** Where CEL rules sit in a document: `r` rule indexes here, `f` fields, `i` array items, `v` map values. */
export interface CelTree {
  r?: number[];
  f?: Record<string, CelTree>;
  i?: CelTree;
  v?: CelTree;
}

export interface StrictSchema {
  schema: JsonSchema;
  rules: CelRule[];
  celTree: CelTree | undefined;
}

function countMessages(node: SchemaNode, counts: Map<MessageNode, number>): void {
  if (node.type === 'object') {
    const n = counts.get(node) ?? 0;
    counts.set(node, n + 1);
    if (n > 0) return;
    for (const k of Object.keys(node.fields)) countMessages(node.fields[k] as SchemaNode, counts);
  } else if (node.type === 'array') countMessages(node.items, counts);
  else if (node.type === 'map') countMessages(node.values, counts);
}

function withNull(type: string | string[]): string[] {
  return [...(Array.isArray(type) ? type : [type]), 'null'];
}

/**
 * A list item may not be null (as istiod's proto decoding refuses `jwtRules: [null]`): null stays "unset"
 * for fields only. Free-form items (Struct values, preserved objects) still take anything.
 */
function nonNullItem(s: JsonSchema): JsonSchema {
  if (Array.isArray(s.type)) {
    const types = (s.type as string[]).filter((t) => t !== 'null');
    return { ...s, type: types.length === 1 ? (types[0] as string) : types };
  }
  if (typeof s.$ref === 'string') return { allOf: [s], type: 'object' };
  return s;
}

export function toStrictSchema(root: MessageNode): StrictSchema {
  const counts = new Map<MessageNode, number>();
  countMessages(root, counts);
  const defs: Record<string, JsonSchema> = {};
  const defNames = new Map<MessageNode, string>();
  const rules: CelRule[] = [];
  const ruleIndex = new Map<string, number>();

  const celOf = (node: SchemaNode): number[] | undefined => {
    if (!node.cel || node.cel.length === 0) return undefined;
    return node.cel.map((r) => {
      const key = `${r.rule}\u0000${r.message}`;
      let i = ruleIndex.get(key);
      if (i === undefined) {
        i = rules.length;
        rules.push(r);
        ruleIndex.set(key, i);
      }
      return i;
    });
  };

  // Returns [schema, celTree] for a node whose schema lives at `at` (a JSON pointer fragment).
  const convert = (node: SchemaNode, at: string, nameHint: string): [JsonSchema, CelTree | undefined] => {
    const tree: CelTree = {};
    const enumRule = node.type === 'string' && node.enum ? [{ rule: `${ENUM_PREFIX}${node.enum.join('|')}`, message: `must be one of ${node.enum.join(', ')}` }] : [];
    const r = celOf({ ...node, cel: [...enumRule, ...(node.cel ?? [])] });
    if (r) tree.r = r;
    let s: JsonSchema;
    switch (node.type) {
      case 'string':
        s = { type: withNull('string') };
        if (node.pattern !== undefined) s.pattern = node.pattern;
        if (node.minLength !== undefined) s.minLength = node.minLength;
        if (node.maxLength !== undefined) s.maxLength = node.maxLength;
        break;
      case 'integer':
      case 'number': {
        s = { type: withNull(node.type) };
        const range = node.format === 'int32' ? INT32 : {};
        const minimum = node.minimum ?? (range as { minimum?: number }).minimum;
        const maximum = node.maximum ?? (range as { maximum?: number }).maximum;
        if (minimum !== undefined) s.minimum = minimum;
        if (maximum !== undefined) s.maximum = maximum;
        break;
      }
      case 'boolean':
        s = { type: withNull('boolean') };
        break;
      case 'array': {
        const [item, t] = convert(node.items, `${at}/items`, nameHint);
        s = { type: withNull('array'), items: nonNullItem(item) };
        if (node.minItems !== undefined) s.minItems = node.minItems;
        if (node.maxItems !== undefined) s.maxItems = node.maxItems;
        if (t) tree.i = t;
        break;
      }
      case 'map': {
        const [values, t] = convert(node.values, `${at}/additionalProperties`, nameHint);
        s = { type: withNull('object'), additionalProperties: values };
        if (node.minProperties !== undefined) s.minProperties = node.minProperties;
        if (node.maxProperties !== undefined) s.maxProperties = node.maxProperties;
        if (t) tree.v = t;
        break;
      }
      case 'int-or-string':
        s = { type: ['integer', 'string', 'null'] };
        break;
      case 'preserve':
        s = node.anyType ? {} : { type: withNull('object') };
        break;
      case 'object': {
        // Every message but the root is its own function: V8 compiles only the ones a document uses.
        const shared = node !== root;
        if (shared) {
          let name = defNames.get(node);
          const fieldTree = messageTree.get(node);
          if (name === undefined) {
            name = uniqueName(nameHint);
            defNames.set(node, name);
            defs[name] = {}; // reserve (no recursion in Istio messages, but keeps names stable)
            const [body, t] = message(node, `#/$defs/${name}`);
            defs[name] = body;
            messageTree.set(node, t);
            if (t) Object.assign(tree, { ...t, r: [...(tree.r ?? []), ...(t.r ?? [])] });
          } else if (fieldTree) Object.assign(tree, { ...fieldTree, r: [...(tree.r ?? []), ...(fieldTree.r ?? [])] });
          if (tree.r && tree.r.length === 0) delete tree.r;
          s = { $ref: `#/$defs/${name}` };
        } else {
          const [body, t] = message(node, at);
          s = body;
          if (t) Object.assign(tree, { ...t, r: [...(tree.r ?? []), ...(t.r ?? [])] });
          if (tree.r && tree.r.length === 0) delete tree.r;
        }
        break;
      }
    }
    return [s, Object.keys(tree).length > 0 ? tree : undefined];
  };

  const messageTree = new Map<MessageNode, CelTree | undefined>();
  const used = new Set<string>();
  const uniqueName = (hint: string): string => {
    const base = hint.replace(/[^A-Za-z0-9]/g, '_') || 'Message';
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}${i}`;
    used.add(name);
    return name;
  };

  // A message body at `at`; its own CEL rules are handled by the caller (`convert`).
  const message = (node: MessageNode, at: string): [JsonSchema, CelTree | undefined] => {
    const properties: JsonSchema = {};
    const fields: Record<string, CelTree> = {};
    for (const name of Object.keys(node.fields).sort()) {
      const hint = name.charAt(0).toUpperCase() + name.slice(1);
      const [child, t] = convert(node.fields[name] as SchemaNode, `${at}/properties/${name}`, hint);
      properties[name] = child;
      if (t) fields[name] = t;
    }
    const s: JsonSchema = { type: withNull('object'), properties };
    if (!node.preserveUnknown) s.additionalProperties = false;
    if (node.required && node.required.length > 0) s.required = [...node.required];
    // oneof groups are checked with the CEL rules (see ONEOF_PREFIX), which keeps the compiled code small.
    const groupRules = (node.oneOf ?? []).map((g) => ({ rule: `${ONEOF_PREFIX}${g.join(',')}`, message: `only one of ${g.join(', ')} may be set` }));
    const r = groupRules.length > 0 ? celOf({ ...node, cel: groupRules }) : undefined;
    const t: CelTree = {};
    if (r) t.r = r;
    if (Object.keys(fields).length > 0) t.f = fields;
    return [s, Object.keys(t).length > 0 ? t : undefined];
  };

  const [schema, celTree] = convert(root, '#', 'Root');
  if (Object.keys(defs).length > 0) schema.$defs = defs;
  return { schema, rules, celTree };
}
