/**
 * Flattens a CRD version schema into `path -> facts` (type, enum, format, bounds, required, oneof groups,
 * flags, number of CEL rules), the facts on which sailctl's CRDs must equal Istio's. Descriptions and the
 * wording of CEL rules are not compared: they are our own.
 */
type Schema = Record<string, unknown>;

export interface NodeFacts {
  type?: string;
  enum?: string;
  other: string;
}

function oneOfGroups(s: Schema): string[] {
  const groups: Schema[][] = [];
  if (Array.isArray(s.oneOf)) groups.push(s.oneOf as Schema[]);
  if (Array.isArray(s.allOf)) for (const a of s.allOf as Schema[]) if (Array.isArray(a.oneOf)) groups.push(a.oneOf as Schema[]);
  return groups
    .map((g) =>
      g
        .filter((o) => Array.isArray(o.required))
        .map((o) => (o.required as string[]).join('+'))
        .sort()
        .join('|'),
    )
    .sort();
}

function facts(s: Schema): NodeFacts {
  const type = s['x-kubernetes-int-or-string'] ? 'int-or-string' : (s.type as string | undefined);
  const other: Record<string, unknown> = {};
  for (const k of ['format', 'minimum', 'maximum', 'minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties', 'pattern', 'nullable', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys']) {
    if (s[k] !== undefined) other[k] = s[k];
  }
  if (Array.isArray(s.required)) other.required = [...(s.required as string[])].sort();
  const groups = oneOfGroups(s);
  if (groups.length > 0) other.oneOf = groups;
  const cel = s['x-kubernetes-validations'];
  if (Array.isArray(cel)) other.celRules = cel.length;
  return { type, enum: Array.isArray(s.enum) ? (s.enum as string[]).join('|') : undefined, other: JSON.stringify(other) };
}

export function flatten(schema: Schema, path = '', out = new Map<string, NodeFacts>()): Map<string, NodeFacts> {
  out.set(path || '.', facts(schema));
  const props = schema.properties as Record<string, Schema> | undefined;
  if (props) for (const [k, v] of Object.entries(props)) flatten(v, `${path}.${k}`, out);
  if (schema.items && typeof schema.items === 'object') flatten(schema.items as Schema, `${path}[]`, out);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') flatten(schema.additionalProperties as Schema, `${path}{}`, out);
  return out;
}

export interface ShapeDiff {
  missing: string[];
  extra: string[];
  typeOrEnum: string[];
  other: string[];
}

export function compareShapes(ours: Map<string, NodeFacts>, theirs: Map<string, NodeFacts>): ShapeDiff {
  const diff: ShapeDiff = { missing: [], extra: [], typeOrEnum: [], other: [] };
  for (const [path, t] of theirs) {
    const o = ours.get(path);
    if (!o) {
      diff.missing.push(path);
      continue;
    }
    if (o.type !== t.type) diff.typeOrEnum.push(`${path}: type ${o.type} (Istio: ${t.type})`);
    if (o.enum !== t.enum) diff.typeOrEnum.push(`${path}: enum ${o.enum} (Istio: ${t.enum})`);
    if (o.other !== t.other) diff.other.push(`${path}: ${o.other} (Istio: ${t.other})`);
  }
  for (const path of ours.keys()) if (!theirs.has(path)) diff.extra.push(path);
  return diff;
}
