/** Pure: syncz parsing, merging across istiod replicas, rows, cells. */
import { describe, expect, it } from 'vitest';
import { MalformedDocumentError } from '../../src/proxystatus/document-error.js';
import { formatAge, mergeReplicas, subscribedCell, toRows, typeCell, typeColumns } from '../../src/proxystatus/rows.js';
import { parseSyncz, proxyIdOf, type ProxySync } from '../../src/proxystatus/syncz.js';

const T = 'type.googleapis.com/';
const CDS = `${T}envoy.config.cluster.v3.Cluster`;
const LDS = `${T}envoy.config.listener.v3.Listener`;
const RDS = `${T}envoy.config.route.v3.RouteConfiguration`;

function response(resources: unknown[], istiod?: string): Record<string, unknown> {
  return {
    resources,
    typeUrl: `${T}envoy.service.status.v3.ClientConfig`,
    ...(istiod ? { controlPlane: { identifier: JSON.stringify({ Component: 'istiod', ID: istiod }) } } : {}),
  };
}

function client(id: string, configs: Array<[string, string, string?]>, meta: Record<string, string> = {}): Record<string, unknown> {
  return {
    '@type': `${T}envoy.service.status.v3.ClientConfig`,
    node: { id, metadata: { CLUSTER_ID: 'Kubernetes', ISTIO_VERSION: '1.31.4', ...meta } },
    genericXdsConfigs: configs.map(([typeUrl, configStatus, lastUpdated]) => ({ typeUrl, configStatus, ...(lastUpdated ? { lastUpdated } : {}) })),
  };
}

describe('parseSyncz', () => {
  it('reads node, metadata and every status, naming istiod from controlPlane', () => {
    const text = JSON.stringify(
      response(
        [
          client('web-1.shop', [
            [CDS, 'SYNCED', '2026-01-01T00:00:00Z'],
            [LDS, 'NOT_SENT'],
            [RDS, 'STALE', '2026-01-01T00:00:10Z'],
            [`${T}envoy.config.endpoint.v3.ClusterLoadAssignment`, 'ERROR'],
            [`${T}envoy.config.core.v3.TypedExtensionConfig`, 'UNKNOWN'],
          ], { NAMESPACE: 'shop' }),
        ],
        'istiod-7f9-abc',
      ),
    );
    const [p] = parseSyncz(text, 'ignored-pod-name');
    expect(p).toEqual({
      id: 'web-1.shop',
      namespace: 'shop',
      cluster: 'Kubernetes',
      version: '1.31.4',
      istiod: 'istiod-7f9-abc',
      types: [
        { type: 'CDS', typeUrl: CDS, status: 'SYNCED', lastUpdated: '2026-01-01T00:00:00Z' },
        { type: 'LDS', typeUrl: LDS, status: 'NOT SENT' },
        { type: 'RDS', typeUrl: RDS, status: 'STALE', lastUpdated: '2026-01-01T00:00:10Z' },
        { type: 'EDS', typeUrl: `${T}envoy.config.endpoint.v3.ClusterLoadAssignment`, status: 'ERROR' },
        { type: 'ECDS', typeUrl: `${T}envoy.config.core.v3.TypedExtensionConfig`, status: 'UNKNOWN' },
      ],
    });
  });

  it('accepts snake_case field names, a JSON array of responses, and falls back to the queried pod name', () => {
    const snake = { resources: [{ node: { id: 'sidecar~10.0.0.1~a-1.ns1~ns1.svc.cluster.local', metadata: {} }, generic_xds_configs: [{ type_url: CDS, config_status: 'SYNCED' }] }] };
    const parsed = parseSyncz(JSON.stringify([snake, response([client('b-1.ns2', [])])]), 'istiod-x');
    expect(parsed.map((p) => [p.id, p.namespace, p.istiod, p.types.map((t) => t.type).join()])).toEqual([
      ['a-1.ns1', 'ns1', 'istiod-x', 'CDS'],
      ['b-1.ns2', 'ns2', 'istiod-x', ''],
    ]);
  });

  it.each([
    ['not JSON', '<html>502 Bad Gateway</html>', /not JSON.*<html>502/],
    ['truncated', '{"resources": [', /not JSON/],
    ['not an object', '42', /not a DiscoveryResponse/],
    ['resources not a list', '{"resources": {}}', /resources is not a list/],
    ['node id missing', '{"resources": [{"node": {}}]}', /resources\[0\]\.node\.id is missing/],
    ['configs not a list', '{"resources": [{"node": {"id": "a.b"}, "genericXdsConfigs": 3}]}', /genericXdsConfigs is not a list/],
    ['typeUrl missing', '{"resources": [{"node": {"id": "a.b"}, "genericXdsConfigs": [{}]}]}', /typeUrl is missing/],
    ['unknown status', `{"resources": [{"node": {"id": "a.b"}, "genericXdsConfigs": [{"typeUrl": "${CDS}", "configStatus": "HAPPY"}]}]}`, /"HAPPY" is not a known status/],
  ])('%s -> MalformedDocumentError', (_name, text, message) => {
    expect(() => parseSyncz(text, 'istiod-a')).toThrowError(MalformedDocumentError);
    expect(() => parseSyncz(text, 'istiod-a')).toThrowError(message);
  });

  it('keeps plain ids and takes the third part of Envoy node ids', () => {
    expect(proxyIdOf('web-1.shop')).toBe('web-1.shop');
    expect(proxyIdOf('router~10.1.1.1~gw-1.istio-system~istio-system.svc.cluster.local')).toBe('gw-1.istio-system');
  });
});

const proxy = (id: string, istiod: string, updated: string | undefined, status: ProxySync['types'][number]['status'] = 'SYNCED'): ProxySync => ({
  id,
  namespace: id.split('.')[1] ?? '',
  cluster: 'Kubernetes',
  version: '1.31.4',
  istiod,
  types: [{ type: 'CDS', typeUrl: CDS, status, ...(updated ? { lastUpdated: updated } : {}) }],
});

describe('mergeReplicas', () => {
  it('lists each proxy once, sorted by id; the most recent view wins, then the istiod name', () => {
    const merged = mergeReplicas([
      [proxy('b.ns', 'istiod-2', '2026-01-01T00:00:05Z', 'STALE'), proxy('c.ns', 'istiod-2', undefined)],
      [proxy('b.ns', 'istiod-1', '2026-01-01T00:00:09Z'), proxy('a.ns', 'istiod-1', undefined), proxy('c.ns', 'istiod-1', undefined)],
    ]);
    expect(merged.map((p) => `${p.id}@${p.istiod}:${p.types[0]?.status}`)).toEqual(['a.ns@istiod-1:SYNCED', 'b.ns@istiod-1:SYNCED', 'c.ns@istiod-1:SYNCED']);
  });
});

describe('rows and cells', () => {
  const now = Date.parse('2026-01-01T01:00:00Z');
  const proxies = mergeReplicas([[proxy('web.shop', 'istiod-1', '2026-01-01T00:58:53Z'), proxy('db.data', 'istiod-1', undefined, 'NOT SENT')]]);

  it('filters by namespace and computes ages from the given time', () => {
    const rows = toRows(proxies, { now, namespace: 'shop' });
    expect(rows.map((r) => r.name)).toEqual(['web.shop']);
    expect(rows[0]?.types.CDS?.ageMs).toBe(67_000);
    expect(typeCell(rows[0]!, 'CDS')).toBe('SYNCED (1m7s)');
    expect(typeCell(rows[0]!, 'LDS')).toBe('IGNORED');
    expect(subscribedCell(rows[0]!)).toBe('1 (CDS)');
  });

  it('shows NOT SENT without an age and always the five default columns', () => {
    const rows = toRows(proxies, { now });
    expect(typeCell(rows[0]!, 'CDS')).toBe('NOT SENT');
    expect(typeColumns(rows)).toEqual(['CDS', 'LDS', 'EDS', 'RDS', 'ECDS']);
  });

  it.each([
    [0, '0s'],
    [59_999, '59s'],
    [60_000, '1m'],
    [187_000, '3m7s'],
    [3_600_000, '1h'],
    [7_500_000, '2h5m'],
    [86_400_000 * 3 + 3_600_000 * 4, '3d4h'],
  ])('formatAge(%i) = %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});
