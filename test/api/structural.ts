/**
 * The rules a kube-apiserver applies to CRD schemas (structural schemas, apiextensions.k8s.io/v1), as a
 * checker for tests until the loopback API server can take the CRDs themselves.
 */
type Schema = Record<string, unknown>;

const JUNCTORS = ['allOf', 'anyOf', 'oneOf', 'not'] as const;
const FORBIDDEN_IN_JUNCTORS = ['description', 'type', 'default', 'additionalProperties', 'nullable', 'x-kubernetes-preserve-unknown-fields'];

function checkJunctor(s: Schema, path: string, outsideProps: Set<string>, errors: string[]): void {
  for (const k of FORBIDDEN_IN_JUNCTORS) if (s[k] !== undefined) errors.push(`${path}: "${k}" is not allowed inside allOf/anyOf/oneOf/not`);
  const props = s.properties as Record<string, Schema> | undefined;
  if (props) for (const p of Object.keys(props)) if (!outsideProps.has(p)) errors.push(`${path}.properties.${p}: not specified outside the junctor`);
  if (Array.isArray(s.required)) for (const r of s.required as string[]) if (!outsideProps.has(r)) errors.push(`${path}: required "${r}" is not a property`);
  for (const j of JUNCTORS) {
    const v = s[j];
    if (Array.isArray(v)) v.forEach((x, i) => checkJunctor(x as Schema, `${path}.${j}[${i}]`, outsideProps, errors));
    else if (v && typeof v === 'object') checkJunctor(v as Schema, `${path}.${j}`, outsideProps, errors);
  }
}

export function structuralErrors(s: Schema, path = '', errors: string[] = []): string[] {
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  if (typeof s.type !== 'string' || s.type === '') {
    if (!intOrString && !preserve) errors.push(`${path || '.'}: "type" is missing`);
  }
  if (s.$ref !== undefined) errors.push(`${path}: $ref is not allowed`);
  if (s.uniqueItems === true) errors.push(`${path}: uniqueItems is not allowed`);
  if (s.additionalProperties !== undefined && s.properties !== undefined) errors.push(`${path}: properties and additionalProperties are mutually exclusive`);
  if (s.additionalProperties === false) errors.push(`${path}: additionalProperties: false is not allowed`);
  if (s.type === 'array' && (s.items === undefined || Array.isArray(s.items))) errors.push(`${path}: arrays need one "items" schema`);
  if (intOrString) {
    const any = JSON.stringify(s.anyOf);
    if (s.anyOf !== undefined && any !== JSON.stringify([{ type: 'integer' }, { type: 'string' }])) errors.push(`${path}: int-or-string anyOf must be integer, string`);
  }
  if (s['x-kubernetes-list-type'] === 'map') {
    const keys = s['x-kubernetes-list-map-keys'] as string[] | undefined;
    const itemSchema = s.items as Schema | undefined;
    const itemProps = (itemSchema?.properties ?? {}) as Record<string, unknown>;
    const required = (itemSchema?.required ?? []) as string[];
    if (!keys || keys.length === 0) errors.push(`${path}: list-type map needs list-map-keys`);
    for (const k of keys ?? []) {
      if (!(k in itemProps)) errors.push(`${path}: list-map-key "${k}" is not an item property`);
      if (!required.includes(k)) errors.push(`${path}: list-map-key "${k}" must be required in items`);
    }
  }
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const outside = new Set(Object.keys(props));
  if (s.type === 'object' && Array.isArray(s.required)) for (const r of s.required as string[]) if (!outside.has(r)) errors.push(`${path}: required "${r}" is not a property`);
  for (const j of JUNCTORS) {
    const v = s[j];
    if (j === 'anyOf' && intOrString) continue;
    if (Array.isArray(v)) v.forEach((x, i) => checkJunctor(x as Schema, `${path}.${j}[${i}]`, outside, errors));
    else if (v && typeof v === 'object') checkJunctor(v as Schema, `${path}.${j}`, outside, errors);
  }
  for (const [k, v] of Object.entries(props)) structuralErrors(v, `${path}.${k}`, errors);
  if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) structuralErrors(s.items as Schema, `${path}[]`, errors);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') structuralErrors(s.additionalProperties as Schema, `${path}{}`, errors);
  return errors;
}
