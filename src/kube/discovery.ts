/**
 * Discovery, cached per client: kind -> plural resource and scope. A lookup fetches only its own
 * group-version (`/api/v1`, `/apis/apps/v1`); a miss refreshes that group-version once, so kinds from CRDs
 * created after the client was made are still found. `serverResources()` walks every group and version.
 */
import { apiError } from './error-mapping.js';
import type { ResourceInfo } from './types.js';
import type { Transport } from './transport.js';

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs?: string[];
}
interface ApiResourceList {
  groupVersion?: string;
  resources?: ApiResource[];
}
interface ApiGroupList {
  groups?: Array<{ name: string; versions?: Array<{ groupVersion: string; version: string }>; preferredVersion?: { version: string } }>;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function groupVersionPath(apiVersion: string): string {
  const { group, version } = splitApiVersion(apiVersion);
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

function toInfos(apiVersion: string, list: ApiResourceList): ResourceInfo[] {
  const { group, version } = splitApiVersion(apiVersion);
  return (list.resources ?? [])
    .filter((r) => !r.name.includes('/'))
    .map((r) => ({ group, version, kind: r.kind, resource: r.name, namespaced: r.namespaced, verbs: r.verbs ?? [] }));
}

export class Discovery {
  private readonly byGroupVersion = new Map<string, { seq: number; infos: Promise<ResourceInfo[] | undefined> }>();
  /** Counts fetches, so a lookup can tell an answer fetched for it from one cached earlier. */
  private seq = 0;
  private all: Promise<ResourceInfo[]> | undefined;

  constructor(private readonly transport: Transport) {}

  /**
   * A miss in an answer cached before this lookup began refreshes that group-version once (the CRD may
   * have been created since); a miss in an answer fetched during this lookup is final.
   */
  async resourceFor(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    const mark = this.seq;
    const found = (await this.groupVersion(apiVersion))?.find((r) => r.kind === kind);
    if (found) return found;
    const entry = this.byGroupVersion.get(apiVersion);
    if (entry && entry.seq > mark) return undefined;
    this.byGroupVersion.delete(apiVersion);
    this.all = undefined;
    return (await this.groupVersion(apiVersion))?.find((r) => r.kind === kind);
  }

  serverResources(): Promise<ResourceInfo[]> {
    this.all ??= this.fetchAll().catch((err: unknown) => {
      this.all = undefined;
      throw err;
    });
    return this.all;
  }

  /** The kinds of one group-version, or undefined when the server does not serve it (404). */
  private groupVersion(apiVersion: string): Promise<ResourceInfo[] | undefined> {
    let entry = this.byGroupVersion.get(apiVersion);
    if (!entry) {
      const created = { seq: ++this.seq, infos: this.fetchGroupVersion(apiVersion) };
      this.byGroupVersion.set(apiVersion, created);
      created.infos.catch(() => {
        if (this.byGroupVersion.get(apiVersion) === created) this.byGroupVersion.delete(apiVersion);
      });
      entry = created;
    }
    return entry.infos;
  }

  private async fetchGroupVersion(apiVersion: string): Promise<ResourceInfo[] | undefined> {
    const path = groupVersionPath(apiVersion);
    const res = await this.transport.request({ method: 'GET', path, idempotent: true });
    if (res.status === 404) return undefined;
    const list = this.parse<ApiResourceList>(res.status, res.body, path);
    return toInfos(apiVersion, list);
  }

  private parse<T>(status: number, body: string, path: string): T {
    if (status >= 200 && status < 300) {
      try {
        return JSON.parse(body) as T;
      } catch {
        // fall through to the error below
      }
    }
    throw apiError(status >= 200 && status < 300 ? 502 : status, body, { verb: 'discover', resource: path }, this.transport.endpoint);
  }

  private async fetchAll(): Promise<ResourceInfo[]> {
    const core = await this.transport.json<{ versions?: string[] }>({ method: 'GET', path: '/api', idempotent: true }, { verb: 'discover', resource: 'core API versions' });
    const groups = await this.transport.json<ApiGroupList>({ method: 'GET', path: '/apis', idempotent: true }, { verb: 'discover', resource: 'API groups' });
    const versions = [...(core.versions ?? []), ...(groups.groups ?? []).flatMap((g) => (g.versions ?? []).map((v) => v.groupVersion))];
    const lists = await Promise.all(
      versions.map(async (gv) => {
        try {
          const infos = await this.groupVersion(gv);
          return infos ?? [];
        } catch {
          // An unavailable aggregated API (say metrics.k8s.io) must not hide all the others, as with kubectl.
          return [];
        }
      }),
    );
    return lists.flat();
  }
}
