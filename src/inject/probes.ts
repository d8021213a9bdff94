/**
 * Probe rewriting: application probes go through the proxy's status port (`/app-health/<container>/livez`,
 * `readyz`, `startupz` on 15020), with the originals kept in the proxy's ISTIO_KUBE_APP_PROBERS env var
 * (the format pilot-agent reads). `restoreProbes` is the exact inverse, for uninject and re-injection.
 */
type Obj = Record<string, unknown>;

export const PROBERS_ENV = 'ISTIO_KUBE_APP_PROBERS';
const KINDS: ReadonlyArray<readonly [string, string]> = [
  ['livenessProbe', 'livez'],
  ['readinessProbe', 'readyz'],
  ['startupProbe', 'startupz'],
];

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A copy of `obj` with `oldKey` replaced by `newKey: value` at the same position. */
function replaceKey(obj: Obj, oldKey: string, newKey: string, value: unknown): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === oldKey) out[newKey] = value;
    else if (k !== newKey) out[k] = v;
  }
  return out;
}

export function appHealthPath(container: string, suffix: string): string {
  return `/app-health/${container}/${suffix}`;
}

function resolvePort(port: unknown, container: Obj): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port === 'string' && /^\d+$/.test(port)) return Number(port);
  const ports = Array.isArray(container.ports) ? (container.ports as Obj[]) : [];
  const match = ports.find((p) => isObject(p) && p.name === port);
  return match && typeof match.containerPort === 'number' ? match.containerPort : undefined;
}

/** Go field order of HTTPGetAction, as json.Marshal prints it. */
function httpGetJson(action: Obj, port: number): Obj {
  const out: Obj = {};
  if (action.path !== undefined) out.path = action.path;
  out.port = port;
  for (const k of ['host', 'scheme', 'httpHeaders']) if (action[k] !== undefined) out[k] = action[k];
  return out;
}

/** Rewrites the app containers' probes in place; returns the probers map (empty when nothing changed). */
export function rewriteProbes(containers: Obj[], statusPort: number): Record<string, Obj> {
  const probers: Record<string, Obj> = {};
  for (const c of containers) {
    if (c.name === 'istio-proxy' || typeof c.name !== 'string') continue;
    for (const [field, suffix] of KINDS) {
      const probe = c[field];
      if (!isObject(probe)) continue;
      const path = appHealthPath(c.name, suffix);
      const entry: Obj = {};
      let rewritten: Obj;
      if (isObject(probe.httpGet)) {
        if (probe.httpGet.path === path) continue; // already rewritten
        const port = resolvePort(probe.httpGet.port, c);
        if (port === undefined) continue;
        entry.httpGet = httpGetJson(probe.httpGet, port);
        const httpGet: Obj = { ...probe.httpGet, path, port: statusPort };
        if (httpGet.scheme === 'HTTPS') httpGet.scheme = 'HTTP';
        rewritten = { ...probe, httpGet };
      } else if (isObject(probe.tcpSocket)) {
        const port = resolvePort(probe.tcpSocket.port, c);
        if (port === undefined) continue;
        entry.tcpSocket = { ...probe.tcpSocket, port };
        rewritten = replaceKey(probe, 'tcpSocket', 'httpGet', { path, port: statusPort });
      } else if (isObject(probe.grpc)) {
        entry.grpc = probe.grpc;
        rewritten = replaceKey(probe, 'grpc', 'httpGet', { path, port: statusPort });
      } else continue;
      if (typeof probe.timeoutSeconds === 'number' && probe.timeoutSeconds !== 0) entry.timeoutSeconds = probe.timeoutSeconds;
      probers[path] = entry;
      c[field] = rewritten;
    }
  }
  return probers;
}

/** JSON of the probers map with sorted keys, as Go prints a map. */
export function probersJson(probers: Record<string, Obj>): string {
  return JSON.stringify(Object.fromEntries(Object.keys(probers).sort().map((k) => [k, probers[k]])));
}

/** Puts the original probes back (in place) from the ISTIO_KUBE_APP_PROBERS JSON. */
export function restoreProbes(containers: Obj[], probersText: string | undefined): void {
  if (!probersText) return;
  let probers: Record<string, Obj>;
  try {
    probers = JSON.parse(probersText) as Record<string, Obj>;
  } catch {
    return;
  }
  for (const c of containers) {
    if (typeof c.name !== 'string') continue;
    for (const [field, suffix] of KINDS) {
      const probe = c[field];
      const entry = probers[appHealthPath(c.name, suffix)];
      if (!isObject(probe) || !isObject(entry) || !isObject(probe.httpGet) || probe.httpGet.path !== appHealthPath(c.name, suffix)) continue;
      if (isObject(entry.httpGet)) {
        const original: Obj = { ...probe.httpGet, ...entry.httpGet };
        if (entry.httpGet.scheme === undefined) delete original.scheme;
        c[field] = replaceKey(probe, 'httpGet', 'httpGet', original);
      } else if (isObject(entry.tcpSocket)) c[field] = replaceKey(probe, 'httpGet', 'tcpSocket', entry.tcpSocket);
      else if (isObject(entry.grpc)) c[field] = replaceKey(probe, 'httpGet', 'grpc', entry.grpc);
    }
  }
}
