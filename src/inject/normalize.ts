/**
 * Injected containers as istiod returns them: istiod decodes the rendered template into a Go corev1.Pod
 * and encodes it again, so quantities come out canonical (`2000m` -> `2`) and zero-valued `omitempty`
 * probe fields (`initialDelaySeconds: 0`) disappear. Applied to the containers the templates add.
 */
import { canonicalQuantity } from './quantity.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const PROBE_INTS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds'];

export function asGoEncodes(container: Obj): Obj {
  const out: Obj = { ...container };
  if (isObject(out.resources)) {
    const res: Obj = { ...out.resources };
    for (const key of ['limits', 'requests']) {
      const list = res[key];
      if (isObject(list)) res[key] = Object.fromEntries(Object.entries(list).map(([k, v]) => [k, typeof v === 'string' ? canonicalQuantity(v) : v]));
    }
    out.resources = res;
  }
  for (const p of PROBES) {
    const probe = out[p];
    if (!isObject(probe)) continue;
    out[p] = Object.fromEntries(Object.entries(probe).filter(([k, v]) => !(PROBE_INTS.includes(k) && v === 0)));
  }
  return out;
}
