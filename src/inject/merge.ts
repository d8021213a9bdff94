/**
 * Strategic merge of a rendered (partial) pod over a pod, as istiod applies templates: maps merge,
 * `null` deletes, lists with a Kubernetes merge key (containers by name, env by name, ports by
 * containerPort, volumes by name, volumeMounts by mountPath, ...) merge item by item keeping the
 * original order and appending new items; other lists are replaced.
 */

/** Merge key of each list field of a PodSpec/Container, from the Kubernetes API's patchMergeKey tags. */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  imagePullSecrets: 'name',
  env: 'name',
  ports: 'containerPort',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  hostAliases: 'ip',
  resourceClaims: 'name',
  schedulingGates: 'name',
};

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** New content: nulls mean "unset", as when Go decodes YAML into a struct. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (!isObject(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = withoutNulls(x);
  return out;
}

function mergeList(original: unknown[], patch: unknown[], key: string): unknown[] {
  const out = [...original];
  const index = new Map<unknown, number>();
  out.forEach((item, i) => {
    if (isObject(item) && item[key] !== undefined) index.set(item[key], i);
  });
  for (const item of patch) {
    const k = isObject(item) ? item[key] : undefined;
    const at = k === undefined ? undefined : index.get(k);
    if (at !== undefined) out[at] = strategicMerge(out[at], item);
    else {
      if (k !== undefined) index.set(k, out.length);
      out.push(withoutNulls(item));
    }
  }
  return out;
}

/** Returns a new value: `patch` merged over `original` (neither is modified). */
export function strategicMerge(original: unknown, patch: unknown, field = ''): unknown {
  if (Array.isArray(patch)) {
    const key = MERGE_KEYS[field];
    if (key && Array.isArray(original)) return mergeList(original, patch, key);
    return withoutNulls(patch);
  }
  if (!isObject(patch) || !isObject(original)) return withoutNulls(patch);
  const out: Obj = { ...original };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = k in original ? strategicMerge(original[k], v, k) : withoutNulls(v);
  }
  return out;
}
