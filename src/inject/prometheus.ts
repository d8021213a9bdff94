/**
 * Prometheus merge: the pod is scraped on the agent's port (15020, /stats/prometheus), which merges the
 * app's metrics; the app's own scrape settings go to the proxy's ISTIO_PROMETHEUS_ANNOTATIONS env var.
 */
type Obj = Record<string, unknown>;

export const PROMETHEUS_ENV = 'ISTIO_PROMETHEUS_ANNOTATIONS';
const SCRAPE = 'prometheus.io/scrape';
const PORT = 'prometheus.io/port';
const PATH = 'prometheus.io/path';
export const MERGED_PATH = '/stats/prometheus';

function parseBool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
  return undefined;
}

/**
 * Applies the merge to `annotations` (in place). Returns the env value to add to the proxy, if any.
 * Skipped when disabled by mesh config or `prometheus.istio.io/merge-metrics: "false"`, when the pod already
 * points at the agent's port, or when the pod opted out of scraping.
 */
export function applyPrometheusMerge(annotations: Record<string, string>, enabled: boolean, statusPort: number): string | undefined {
  if (!enabled || annotations['prometheus.istio.io/merge-metrics'] === 'false') return undefined;
  const target = String(statusPort);
  if (annotations[PORT] === target) return undefined;
  const scrape = parseBool(annotations[SCRAPE]);
  if (scrape === false) return undefined;
  const env =
    scrape === true ? JSON.stringify({ scrape: annotations[SCRAPE] ?? '', path: annotations[PATH] ?? '', port: annotations[PORT] ?? '' }) : undefined;
  annotations[PORT] = target;
  annotations[PATH] = MERGED_PATH;
  annotations[SCRAPE] = 'true';
  return env;
}

/**
 * Inverse of the merge (in place): the app's settings back from the env var, or (with `removeMerged`) the
 * merged ones removed. Re-injection keeps them in place so that the merge finds them and changes nothing.
 */
export function undoPrometheusMerge(annotations: Record<string, string>, envValue: string | undefined, statusPort: number, removeMerged = true): void {
  if (envValue) {
    try {
      const saved = JSON.parse(envValue) as Obj;
      for (const [key, field] of [[SCRAPE, 'scrape'], [PATH, 'path'], [PORT, 'port']] as const) {
        const v = saved[field];
        if (typeof v === 'string' && v !== '') annotations[key] = v;
        else delete annotations[key];
      }
      return;
    } catch {
      // fall through: remove what the merge set
    }
  }
  if (removeMerged && annotations[PORT] === String(statusPort) && annotations[PATH] === MERGED_PATH && annotations[SCRAPE] === 'true') {
    delete annotations[PORT];
    delete annotations[PATH];
    delete annotations[SCRAPE];
  }
}
