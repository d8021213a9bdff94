/**
 * `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` — the server-side printing `kubectl get` asks for:
 * a meta.k8s.io/v1 Table with a few columns per kind and PartialObjectMetadata rows.
 */
import type { KubeObject } from '../../../src/kube/types.js';
import type { ResourceType } from './kinds.js';

type Column = [name: string, type: string, cell: (o: KubeObject) => unknown];

function age(o: KubeObject): string {
  const created = Date.parse(o.metadata.creationTimestamp ?? '');
  if (Number.isNaN(created)) return '<unknown>';
  const s = Math.max(0, Math.floor((Date.now() - created) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

const any = (o: KubeObject): Record<string, any> => o as Record<string, any>;

function columnsFor(t: ResourceType): Column[] {
  const name: Column = ['Name', 'string', (o) => o.metadata.name];
  const ageCol: Column = ['Age', 'string', age];
  if (t.kind === 'Pod' && t.group === '') {
    return [
      name,
      ['Ready', 'string', (o) => {
        const cs = (any(o).status?.containerStatuses ?? []) as Array<{ ready?: boolean }>;
        const total = (any(o).spec?.containers ?? []).length;
        return `${cs.filter((c) => c.ready).length}/${total}`;
      }],
      ['Status', 'string', (o) => {
        const waiting = (any(o).status?.containerStatuses ?? []).find((c: any) => c.state?.waiting)?.state?.waiting?.reason;
        return waiting ?? any(o).status?.phase ?? 'Unknown';
      }],
      ['Restarts', 'string', () => '0'],
      ageCol,
    ];
  }
  if (t.kind === 'Deployment' && t.group === 'apps') {
    return [
      name,
      ['Ready', 'string', (o) => `${any(o).status?.readyReplicas ?? 0}/${any(o).spec?.replicas ?? 0}`],
      ['Up-to-date', 'integer', (o) => any(o).status?.updatedReplicas ?? 0],
      ['Available', 'integer', (o) => any(o).status?.availableReplicas ?? 0],
      ageCol,
    ];
  }
  if (t.kind === 'Namespace' && t.group === '') return [name, ['Status', 'string', (o) => any(o).status?.phase ?? ''], ageCol];
  if (t.kind === 'CustomResourceDefinition') return [name, ['Created At', 'date', (o) => o.metadata.creationTimestamp]];
  if (t.kind === 'Service' && t.group === '') {
    return [
      name,
      ['Type', 'string', (o) => any(o).spec?.type ?? 'ClusterIP'],
      ['Cluster-IP', 'string', (o) => any(o).spec?.clusterIP ?? '<none>'],
      ['Ports', 'string', (o) => (any(o).spec?.ports ?? []).map((p: any) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',') || '<none>'],
      ageCol,
    ];
  }
  return [name, ageCol];
}

export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept.split(',')[0] ?? '');
}

export function toTable(t: ResourceType, objects: KubeObject[], listMeta: Record<string, unknown>): Record<string, unknown> {
  const columns = columnsFor(t);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: columns.map(([name, type], i) => ({
      name,
      type,
      format: name === 'Name' ? 'name' : '',
      description: name,
      priority: 0,
      ...(i === 0 ? {} : {}),
    })),
    rows: objects.map((o) => ({
      cells: columns.map(([, , cell]) => cell(o)),
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: { ...o.metadata, managedFields: undefined },
      },
    })),
  };
}
