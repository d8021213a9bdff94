/** Pure: config dump reading (both key spellings), cluster names, listener/route descriptions, secrets, key material. */
import { describe, expect, it } from 'vitest';
import { parseClusterName } from '../../src/proxyconfig/clusters.js';
import { parseConfigDump, readConfigDump } from '../../src/proxyconfig/dump.js';
import { filterEndpoints, parseClusterStatuses } from '../../src/proxyconfig/endpoints.js';
import { withoutKeyMaterial } from '../../src/proxyconfig/fields.js';
import { listenerRows } from '../../src/proxyconfig/listeners.js';
import { levelQuery, parseLoggers } from '../../src/proxyconfig/log-levels.js';
import { domainsCell, routeRows } from '../../src/proxyconfig/routes.js';
import { secretRows } from '../../src/proxyconfig/secrets.js';
import { MalformedDocumentError } from '../../src/proxystatus/document-error.js';
import { camelKeys } from '../../src/proxystatus/json-keys.js';
import { SIMULATED_CERT_PEM } from '../support/istio-sim/certificate.js';

const A = 'type.googleapis.com/envoy.admin.v3.';

describe('config dump', () => {
  it('reads snake_case (Envoy) and camelCase (istiod) alike', () => {
    const snake = { configs: [{ '@type': `${A}ClustersConfigDump`, dynamic_active_clusters: [{ cluster: { name: 'c1', type: 'EDS' }, last_updated: 't' }] }] };
    const camel = { configs: [{ '@type': `${A}ClustersConfigDump`, dynamicActiveClusters: [{ cluster: { name: 'c1', type: 'EDS' }, lastUpdated: 't' }] }] };
    expect(parseConfigDump(JSON.stringify(snake))).toEqual(parseConfigDump(JSON.stringify(camel)));
    expect(parseConfigDump(JSON.stringify(snake)).clusters).toEqual([{ name: 'c1', config: { name: 'c1', type: 'EDS' }, dynamic: true, lastUpdated: 't' }]);
  });

  it('keeps keys that are not lower snake case', () => {
    expect(camelKeys({ CLUSTER_ID: 1, '@type': 2, 'envoy.filters.network.tcp_proxy': 3, stat_prefix: 4 })).toEqual({ CLUSTER_ID: 1, '@type': 2, 'envoy.filters.network.tcp_proxy': 3, statPrefix: 4 });
  });

  it.each([
    ['not JSON', 'upstream connect error', /not JSON/],
    ['no configs', '{}', /no "configs" list/],
    ['a dump that is not an object', '{"configs": [1]}', /configs\[0\] is not an object/],
    ['clusters not a list', `{"configs": [{"@type": "${A}ClustersConfigDump", "static_clusters": {}}]}`, /staticClusters is not a list/],
    ['a cluster entry without its cluster', `{"configs": [{"@type": "${A}ClustersConfigDump", "dynamic_active_clusters": [{}]}]}`, /dynamicActiveClusters\[0\]\.cluster is missing/],
  ])('%s is a MalformedDocumentError', (_n, text, message) => {
    expect(() => parseConfigDump(text)).toThrowError(MalformedDocumentError);
    expect(() => parseConfigDump(text)).toThrowError(message);
  });
});

describe('clusters', () => {
  it.each([
    ['outbound|9080|v1|reviews.shop.svc.cluster.local', { direction: 'outbound', port: '9080', subset: 'v1', fqdn: 'reviews.shop.svc.cluster.local' }],
    ['inbound|8080||', { direction: 'inbound', port: '8080', subset: '-', fqdn: '' }],
    ['BlackHoleCluster', { direction: '-', port: '-', subset: '-', fqdn: 'BlackHoleCluster' }],
    ['a|b|c', { direction: '-', port: '-', subset: '-', fqdn: 'a|b|c' }],
  ])('parseClusterName(%s)', (name, parts) => {
    expect(parseClusterName(name)).toEqual(parts);
  });
});

describe('listeners and routes', () => {
  const dump = readConfigDump({
    configs: [
      {
        '@type': `${A}ListenersConfigDump`,
        dynamicListeners: [
          {
            name: 'gw',
            activeState: {
              listener: {
                name: 'gw',
                address: { socketAddress: { address: '0.0.0.0', portValue: 8443 } },
                filterChains: [
                  { filterChainMatch: { serverNames: ['a.example.com', 'b.example.com'], prefixRanges: [{ addressPrefix: '10.0.0.0', prefixLen: 8 }], destinationPort: 8443 }, filters: [{ name: 'envoy.filters.network.tcp_proxy', typedConfig: { cluster: 'outbound|443||a.example.com' } }] },
                  { filters: [{ name: 'envoy.filters.network.http_connection_manager', typedConfig: { rds: { routeConfigName: 'https.443.gw' } } }] },
                  { filters: [{ name: 'envoy.filters.network.redis_proxy' }] },
                ],
              },
            },
          },
        ],
      },
      {
        '@type': `${A}RoutesConfigDump`,
        dynamicRouteConfigs: [
          {
            routeConfig: {
              name: 'https.443.gw',
              virtualHosts: [
                {
                  name: 'a.example.com:443',
                  domains: ['a.example.com', 'a.example.com:443'],
                  routes: [
                    { match: { prefix: '/api' }, metadata: { filterMetadata: { istio: { config: '/apis/networking.istio.io/v1/namespaces/web/virtual-service/api' } } } },
                    { match: { path: '/exact' } },
                    { match: { safeRegex: { regex: '/v[0-9]+/.*' } } },
                  ],
                },
              ],
            },
          },
        ],
      },
    ],
  });

  it('describes filter-chain matches and destinations as istioctl does', () => {
    expect(listenerRows(dump).map((r) => [r.match, r.destination])).toEqual([
      ['SNI: a.example.com,b.example.com; Addr: 10.0.0.0/8:8443', 'Cluster: outbound|443||a.example.com'],
      ['ALL', 'Route: https.443.gw'],
      ['ALL', 'Non-HTTP/Non-TCP'],
    ]);
    expect(listenerRows(dump, { type: 'http' }).map((r) => r.destination)).toEqual(['Route: https.443.gw']);
  });

  it('lists route matches and the VirtualService they came from', () => {
    const [row] = routeRows(dump);
    expect(row).toMatchObject({ name: 'https.443.gw', vhost: 'a.example.com:443', matches: ['/api*', '/exact', '/v[0-9]+/.*'], virtualServices: ['api.web'] });
    expect(domainsCell(['a.b.svc.cluster.local', 'a', 'a.b', '10.0.0.1', 'a:80'])).toBe('a, a.b + 3 more...');
  });
});

describe('secrets', () => {
  const secretDump = (tls: boolean) =>
    readConfigDump({
      configs: [
        {
          '@type': `${A}SecretsConfigDump`,
          dynamicActiveSecrets: [
            { name: 'default', secret: tls ? { tlsCertificate: { certificateChain: { inlineBytes: Buffer.from(SIMULATED_CERT_PEM).toString('base64') }, privateKey: { inlineBytes: 'W3JlZGFjdGVkXQ==' } } } : { validationContext: { trustedCa: { inlineString: 'not a certificate' } } } },
          ],
        },
      ],
    });

  it('validity is judged at the given time', () => {
    expect(secretRows(secretDump(true), { now: Date.parse('2030-01-01T00:00:00Z') })[0]?.valid).toBe(true);
    expect(secretRows(secretDump(true), { now: Date.parse('2020-01-01T00:00:00Z') })[0]?.valid).toBe(false);
    expect(secretRows(secretDump(true), { now: Date.parse('2127-01-01T00:00:00Z') })[0]?.valid).toBe(false);
  });

  it('an unreadable certificate gives dashes and false, not an error', () => {
    expect(secretRows(secretDump(false), { now: 0 })[0]).toEqual({ name: 'default', type: 'CA', status: 'ACTIVE', valid: false, serial: '-', notAfter: '-', notBefore: '-' });
  });

  it('withoutKeyMaterial drops keys, passwords and certificate bodies at any depth', () => {
    const cleaned = JSON.stringify(withoutKeyMaterial(secretDump(true)));
    expect(cleaned).not.toContain('W3JlZGFjdGVkXQ==');
    expect(cleaned).not.toContain(Buffer.from(SIMULATED_CERT_PEM).toString('base64').slice(0, 30));
    expect(withoutKeyMaterial({ a: [{ password: { inlineString: 'hunter2' } }] })).toEqual({ a: [{ password: '[omitted by sailctl]' }] });
  });
});

describe('endpoints and log levels', () => {
  it('reads /clusters?format=json, outlier state and pipes', () => {
    const rows = parseClusterStatuses(
      JSON.stringify({
        cluster_statuses: [
          { name: 'outbound|80||a', host_statuses: [{ address: { socket_address: { address: '10.0.0.2', port_value: 80 } }, health_status: { eds_health_status: 'UNHEALTHY', failed_outlier_check: true } }] },
          { name: 'sds-grpc', host_statuses: [{ address: { pipe: { path: './var/run/secrets/workload-spiffe-uds/socket' } } }] },
        ],
      }),
    );
    expect(rows).toEqual([
      { address: '10.0.0.2', port: 80, status: 'UNHEALTHY', outlierCheck: 'FAILED', cluster: 'outbound|80||a' },
      { address: 'unix://./var/run/secrets/workload-spiffe-uds/socket', port: undefined, status: 'HEALTHY', outlierCheck: 'OK', cluster: 'sds-grpc' },
    ]);
    expect(filterEndpoints(rows, { status: 'unhealthy' })).toHaveLength(1);
    expect(() => parseClusterStatuses('{"cluster_statuses": 5}')).toThrowError(MalformedDocumentError);
  });

  it('parses active loggers and builds level queries', () => {
    expect(parseLoggers('active loggers:\n  admin: info\n  http: debug\n')).toEqual({ admin: 'info', http: 'debug' });
    expect(() => parseLoggers('<html>')).toThrowError(MalformedDocumentError);
    expect(levelQuery('debug')).toEqual({ query: 'level=debug' });
    expect(levelQuery('http:debug,router:info')).toEqual({ query: 'paths=http%3Adebug%2Crouter%3Ainfo' });
    expect(levelQuery('verbose')).toEqual({ error: expect.stringMatching(/unknown level "verbose"/) });
  });
});
