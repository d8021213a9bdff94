/**
 * Which host names the mesh knows: Kubernetes Services (by FQDN) and ServiceEntry hosts, with their ports.
 * Built once per analyzer run from the indexed snapshot; lookups are map hits (wildcards scan only wildcards).
 */
import { num, rec, records, str, strings } from './fields.js';
import { fqdn, hostCovers, CLUSTER_DOMAIN } from './hosts.js';
import { K } from './kinds.js';
import type { Resource, SnapshotView } from './types.js';

export interface ServicePort {
  number: number;
  name: string;
  protocol: string;
  targetPort?: string;
}

export interface MeshService {
  host: string;
  resource: Resource;
  ports: ServicePort[];
  /** Where its host is visible: `*` (everywhere) or one namespace, as Istio's analyzers scope it. */
  scope: string;
}

/** A ServiceEntry's scope: everywhere when exportTo is empty or has `*`, else its own namespace. */
function entryScope(se: Resource): string {
  const exportTo = strings(se.spec.exportTo).map(([e]) => e);
  return exportTo.length === 0 || exportTo.includes('*') ? '*' : se.namespace;
}

/** A Service's scope, from its `networking.istio.io/exportTo` annotation (`.` is its own namespace). */
function serviceScope(svc: Resource): string {
  const value = svc.annotations['networking.istio.io/exportTo'];
  if (value === undefined) return '*';
  const list = value.split(',').map((v) => v.trim());
  return list.includes('*') ? '*' : list.includes('.') || list.length === 0 ? svc.namespace : (list[0] ?? svc.namespace);
}

function kubePorts(svc: Resource): ServicePort[] {
  return records(svc.spec.ports).flatMap(([p]) => {
    const number = num(p.port);
    if (number === undefined) return [];
    const target = p.targetPort;
    return [{ number, name: str(p.name) ?? '', protocol: str(p.protocol) ?? 'TCP', ...(target !== undefined ? { targetPort: String(target) } : {}) }];
  });
}

function entryPorts(se: Resource): ServicePort[] {
  return records(se.spec.ports).flatMap(([p]) => {
    const number = num(p.number);
    return number === undefined ? [] : [{ number, name: str(p.name) ?? '', protocol: str(p.protocol) ?? '' }];
  });
}

export class ServiceIndex {
  private readonly exact = new Map<string, MeshService[]>();
  private readonly wildcards: MeshService[] = [];

  constructor(view: Pick<SnapshotView, 'all'>, kinds: { services?: boolean; serviceEntries?: boolean } = { services: true, serviceEntries: true }) {
    if (kinds.services !== false) {
      for (const svc of view.all(K.Service)) this.add({ host: `${svc.name}.${svc.namespace}.${CLUSTER_DOMAIN}`, resource: svc, ports: kubePorts(svc), scope: serviceScope(svc) });
    }
    if (kinds.serviceEntries !== false) {
      for (const se of view.all(K.ServiceEntry)) {
        const ports = entryPorts(se);
        const scope = entryScope(se);
        for (const [h] of strings(se.spec.hosts)) this.add({ host: fqdn(h, se.namespace), resource: se, ports, scope });
      }
    }
  }

  private add(s: MeshService): void {
    if (s.host.startsWith('*')) this.wildcards.push(s);
    else {
      const list = this.exact.get(s.host);
      if (list) list.push(s);
      else this.exact.set(s.host, [s]);
    }
  }

  /** Services for a host as written in `namespace` (short names expand to that namespace). */
  find(host: string, namespace: string): MeshService[] {
    const full = fqdn(host, namespace);
    const hits = [...(this.exact.get(full) ?? [])];
    if (full.startsWith('*')) {
      for (const [h, list] of this.exact) if (hostCovers(full, h)) hits.push(...list);
    }
    for (const w of this.wildcards) if (hostCovers(w.host, full) || (full.startsWith('*') && hostCovers(full, w.host))) hits.push(w);
    return hits;
  }

  /**
   * Services for a host as a resource of `namespace` with `exportTo` sees them, as Istio's analyzers decide it: those
   * exported everywhere, those scoped to `namespace` (or, when `exportTo` is set, to a namespace it names).
   */
  visible(host: string, namespace: string, exportTo: readonly string[]): MeshService[] {
    const scopes = new Set(exportTo.length === 0 ? [namespace] : exportTo.map((e) => (e === '.' ? namespace : e)));
    return this.find(host, namespace).filter((s) => s.scope === '*' || (s.host.startsWith('*') ? s.scope === namespace : scopes.has(s.scope)));
  }

  /** Kubernetes Services only, by exact FQDN. */
  kubeService(host: string, namespace: string): MeshService | undefined {
    return this.exact.get(fqdn(host, namespace))?.find((s) => s.resource.kindId === K.Service);
  }
}

/** `spec.selector` of a Service as a label map (empty when absent). */
export function serviceSelector(svc: Resource): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(svc.spec.selector))) if (typeof v === 'string') out[k] = v;
  return out;
}


/**
 * Services by the pods they select, without scanning every Service per pod: each Service is indexed under one
 * of its selector pairs; a pod's candidates are the Services under its own label pairs, then checked fully.
 */
export class ServiceSelectorIndex {
  private readonly byPair = new Map<string, Resource[]>();

  constructor(view: Pick<SnapshotView, 'all'>) {
    for (const svc of view.all(K.Service)) {
      const selector = serviceSelector(svc);
      const first = Object.keys(selector).sort()[0];
      if (first === undefined) continue; // selector-less Services select no pods
      const key = `${svc.namespace}\u0000${first}=${selector[first]}`;
      const list = this.byPair.get(key);
      if (list) list.push(svc);
      else this.byPair.set(key, [svc]);
    }
  }

  /** Services in `namespace` whose selector matches `labels` (sorted by name). */
  selecting(namespace: string, labels: Readonly<Record<string, string>>): Resource[] {
    const out: Resource[] = [];
    for (const [k, v] of Object.entries(labels)) {
      for (const svc of this.byPair.get(`${namespace}\u0000${k}=${v}`) ?? []) {
        const selector = serviceSelector(svc);
        if (Object.entries(selector).every(([sk, sv]) => labels[sk] === sv)) out.push(svc);
      }
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
