/**
 * A simulated Envoy admin API for one injected pod, built from the mesh: `/config_dump` (snake_case proto
 * field names, as Envoy prints them; `?include_eds` adds endpoints), `/clusters?format=json`, `/logging`.
 * The shapes follow Envoy's admin API; the contents are what istiod would plausibly send a sidecar. The
 * private key of the workload certificate is "[redacted]", as Envoy prints it. Test/demo fixture only.
 */
import { SIMULATED_CERT_PEM } from './certificate.js';
import type { Mesh, MeshPod, MeshService } from './mesh.js';

type Json = Record<string, unknown>;
const T = 'type.googleapis.com/';
const ADMIN = `${T}envoy.admin.v3.`;

export interface EnvoyOptions {
  version: string;
  /** RFC 3339 time stamped on every dynamic resource. */
  lastUpdated: string;
  /** Clusters Envoy has not (yet) received although istiod sends them: drift for `proxy-status POD`. */
  missingClusters?: readonly string[];
}

const outbound = (svc: MeshService, port: number) => `outbound|${port}||${svc.host}`;

function staticCluster(name: string, type: string, address: Json): Json {
  return { cluster: { '@type': `${T}envoy.config.cluster.v3.Cluster`, name, type, connect_timeout: '1s', load_assignment: { cluster_name: name, endpoints: [{ lb_endpoints: [{ endpoint: { address } }] }] } }, last_updated: '1970-01-01T00:00:00Z' };
}

export function clusterConfigs(pod: MeshPod, mesh: Mesh): Json[] {
  const clusters: Json[] = [
    { name: 'BlackHoleCluster', type: 'STATIC', connect_timeout: '10s' },
    { name: 'InboundPassthroughCluster', type: 'ORIGINAL_DST', connect_timeout: '10s', lb_policy: 'CLUSTER_PROVIDED' },
    { name: 'PassthroughCluster', type: 'ORIGINAL_DST', connect_timeout: '10s', lb_policy: 'CLUSTER_PROVIDED' },
  ];
  for (const port of pod.ports) {
    clusters.push({
      name: `inbound|${port}||`,
      type: 'ORIGINAL_DST',
      connect_timeout: '10s',
      lb_policy: 'CLUSTER_PROVIDED',
      metadata: { filter_metadata: { istio: { services: mesh.services.filter((s) => s.pods.includes(pod)).map((s) => ({ host: s.host, name: s.name, namespace: s.namespace })) } } },
    });
  }
  for (const svc of mesh.services) {
    for (const p of svc.ports) {
      const rule = svc.subsets[0]?.rule;
      for (const subset of ['', ...svc.subsets.map((s) => s.name)]) {
        const name = `outbound|${p.port}|${subset}|${svc.host}`;
        clusters.push({
          name,
          type: 'EDS',
          eds_cluster_config: { eds_config: { ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' }, service_name: name },
          connect_timeout: '10s',
          metadata: { filter_metadata: { istio: { ...(rule ? { config: rule } : {}), services: [{ host: svc.host, name: svc.name, namespace: svc.namespace }], ...(subset ? { subset } : {}) } } },
        });
      }
    }
  }
  return clusters.map((c) => ({ '@type': `${T}envoy.config.cluster.v3.Cluster`, ...c }));
}

function hcm(statPrefix: string, route: Json): Json {
  return {
    name: 'envoy.filters.network.http_connection_manager',
    typed_config: { '@type': `${T}envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`, stat_prefix: statPrefix, ...route },
  };
}

function tcpProxy(cluster: string): Json {
  return { name: 'envoy.filters.network.tcp_proxy', typed_config: { '@type': `${T}envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy`, stat_prefix: cluster, cluster } };
}

const addr = (address: string, port: number): Json => ({ socket_address: { address, port_value: port } });

export function listenerConfigs(pod: MeshPod, mesh: Mesh): Json[] {
  const listeners: Json[] = [
    { name: 'virtualOutbound', address: addr('0.0.0.0', 15001), filter_chains: [{ filters: [tcpProxy('PassthroughCluster')], name: 'virtualOutbound-catchall-tcp' }], use_original_dst: true, traffic_direction: 'OUTBOUND' },
    {
      name: 'virtualInbound',
      address: addr('0.0.0.0', 15006),
      traffic_direction: 'INBOUND',
      filter_chains: [
        { filter_chain_match: { destination_port: 15006 }, filters: [{ name: 'istio.metadata_exchange' }, tcpProxy('BlackHoleCluster')], name: 'virtualInbound-blackhole' },
        ...pod.ports.map((port) => ({
          filter_chain_match: { destination_port: port, transport_protocol: 'tls' },
          filters: [hcm(`inbound_0.0.0.0_${port}`, { route_config: { name: `inbound|${port}||`, virtual_hosts: [{ name: `inbound|http|${port}`, domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: `inbound|${port}||` }, name: 'default' }] }] } })],
          name: `0.0.0.0_${port}`,
        })),
        { filters: [tcpProxy('InboundPassthroughCluster')], name: 'virtualInbound-catchall-http' },
      ],
    },
  ];
  const httpPorts = new Set<number>();
  for (const svc of mesh.services) {
    for (const p of svc.ports) {
      if (p.http) httpPorts.add(p.port);
      else listeners.push({ name: `${svc.clusterIP}_${p.port}`, address: addr(svc.clusterIP, p.port), filter_chains: [{ filters: [tcpProxy(outbound(svc, p.port))] }], traffic_direction: 'OUTBOUND', bind_to_port: false });
    }
  }
  for (const port of [...httpPorts].sort((a, b) => a - b)) {
    listeners.push({
      name: `0.0.0.0_${port}`,
      address: addr('0.0.0.0', port),
      filter_chains: [{ filter_chain_match: { application_protocols: ['http/1.1', 'h2c'], transport_protocol: 'raw_buffer' }, filters: [hcm(`outbound_0.0.0.0_${port}`, { rds: { config_source: { ads: {}, resource_api_version: 'V3' }, route_config_name: String(port) } })] }],
      traffic_direction: 'OUTBOUND',
      bind_to_port: false,
    });
  }
  return listeners.map((l) => ({ '@type': `${T}envoy.config.listener.v3.Listener`, ...l }));
}

export function routeConfigs(mesh: Mesh): Json[] {
  const byPort = new Map<number, Json[]>();
  for (const svc of mesh.services) {
    for (const p of svc.ports.filter((x) => x.http)) {
      const hosts = byPort.get(p.port) ?? [];
      hosts.push({
        name: `${svc.host}:${p.port}`,
        domains: [`${svc.host}:${p.port}`, svc.host, `${svc.name}.${svc.namespace}`, `${svc.name}.${svc.namespace}.svc`, svc.clusterIP],
        routes: [{ match: { prefix: '/' }, route: { cluster: outbound(svc, p.port), timeout: '0s' }, name: 'default' }],
        include_request_attempt_count: true,
      });
      byPort.set(p.port, hosts);
    }
  }
  return [...byPort.entries()]
    .sort(([a], [b]) => a - b)
    .map(([port, vhosts]) => ({
      '@type': `${T}envoy.config.route.v3.RouteConfiguration`,
      name: String(port),
      virtual_hosts: [...vhosts, { name: 'allow_any', domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: 'PassthroughCluster' }, name: 'allow_any' }] }],
      validate_clusters: false,
    }));
}

/** Every outbound cluster of a Service port (the plain one and one per subset) with the pods behind it. */
function outboundTargets(svc: MeshService, port: number): Array<{ name: string; pods: MeshPod[] }> {
  return [
    { name: outbound(svc, port), pods: svc.pods },
    ...svc.subsets.map((s) => ({ name: `outbound|${port}|${s.name}|${svc.host}`, pods: svc.pods.filter((pod) => Object.entries(s.labels).every(([k, v]) => pod.labels[k] === v)) })),
  ];
}

export function endpointConfigs(mesh: Mesh): Json[] {
  return mesh.services.flatMap((svc) =>
    svc.ports.flatMap((p) =>
      outboundTargets(svc, p.port).map((t) => ({
        '@type': `${T}envoy.config.endpoint.v3.ClusterLoadAssignment`,
        cluster_name: t.name,
        endpoints: [{ locality: {}, lb_endpoints: t.pods.map((pod) => ({ endpoint: { address: addr(pod.ip, p.targetPort) }, health_status: 'HEALTHY', load_balancing_weight: 1 })) }],
      })),
    ),
  );
}

function b64(text: string): string {
  return Buffer.from(text).toString('base64');
}

export function bootstrap(pod: MeshPod, options: EnvoyOptions): Json {
  return {
    node: {
      id: `sidecar~${pod.ip}~${pod.id}~${pod.namespace}.svc.cluster.local`,
      cluster: `${pod.labels.app ?? pod.name}.${pod.namespace}`,
      metadata: { CLUSTER_ID: 'Kubernetes', ISTIO_VERSION: options.version, NAMESPACE: pod.namespace, NAME: pod.name, SERVICE_ACCOUNT: pod.serviceAccount, LABELS: pod.labels },
      user_agent_name: 'envoy',
    },
    static_resources: {
      clusters: ['agent', 'prometheus_stats', 'sds-grpc', 'xds-grpc'].map((name) => ({ name, type: 'STATIC', connect_timeout: '1s' })),
    },
    dynamic_resources: { lds_config: { ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' }, cds_config: { ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' }, ads_config: { api_type: 'GRPC', transport_api_version: 'V3', grpc_services: [{ envoy_grpc: { cluster_name: 'xds-grpc' } }] } },
    admin: { address: addr('127.0.0.1', 15000), profile_path: '/var/lib/istio/data/envoy.prof' },
  };
}

/** The whole `/config_dump` document of one pod's Envoy. */
export function configDump(pod: MeshPod, mesh: Mesh, options: EnvoyOptions, includeEds: boolean): Json {
  const at = options.lastUpdated;
  const missing = new Set(options.missingClusters ?? []);
  const dyn = (key: string, config: Json) => ({ version_info: `${at}/1`, [key]: config, last_updated: at });
  const configs: Json[] = [
    { '@type': `${ADMIN}BootstrapConfigDump`, bootstrap: bootstrap(pod, options), last_updated: at },
    {
      '@type': `${ADMIN}ClustersConfigDump`,
      version_info: `${at}/1`,
      static_clusters: [staticCluster('agent', 'STATIC', addr('127.0.0.1', 15020)), staticCluster('prometheus_stats', 'STATIC', addr('127.0.0.1', 15000))],
      dynamic_active_clusters: clusterConfigs(pod, mesh).filter((c) => !missing.has(c.name as string)).map((c) => dyn('cluster', c)),
    },
    {
      '@type': `${ADMIN}ListenersConfigDump`,
      version_info: `${at}/1`,
      static_listeners: [{ listener: { '@type': `${T}envoy.config.listener.v3.Listener`, address: addr('0.0.0.0', 15090), filter_chains: [{ filters: [hcm('stats', { route_config: { virtual_hosts: [{ name: 'backend', domains: ['*'], routes: [{ match: { prefix: '/stats/prometheus' }, route: { cluster: 'prometheus_stats' } }] }] } })] }] }, last_updated: at }],
      dynamic_listeners: listenerConfigs(pod, mesh).map((l) => ({ name: l.name, active_state: dyn('listener', l) })),
    },
    { '@type': `${ADMIN}ScopedRoutesConfigDump` },
    { '@type': `${ADMIN}RoutesConfigDump`, dynamic_route_configs: routeConfigs(mesh).map((r) => dyn('route_config', r)) },
    {
      '@type': `${ADMIN}SecretsConfigDump`,
      dynamic_active_secrets: [
        { name: 'default', version_info: at, last_updated: at, secret: { '@type': `${T}envoy.extensions.transport_sockets.tls.v3.Secret`, name: 'default', tls_certificate: { certificate_chain: { inline_bytes: b64(SIMULATED_CERT_PEM) }, private_key: { inline_bytes: b64('[redacted]') } } } },
        { name: 'ROOTCA', version_info: at, last_updated: at, secret: { '@type': `${T}envoy.extensions.transport_sockets.tls.v3.Secret`, name: 'ROOTCA', validation_context: { trusted_ca: { inline_bytes: b64(SIMULATED_CERT_PEM) } } } },
      ],
    },
  ];
  if (includeEds) configs.push({ '@type': `${ADMIN}EndpointsConfigDump`, dynamic_endpoint_configs: endpointConfigs(mesh).map((e) => ({ endpoint_config: e, last_updated: at })) });
  return { configs };
}

/** `/clusters?format=json`: every cluster's hosts with their health, as Envoy reports it. */
export function clusterStatuses(mesh: Mesh): Json {
  return {
    cluster_statuses: mesh.services.flatMap((svc) =>
      svc.ports.flatMap((p) => outboundTargets(svc, p.port).map((t) => ({ t, p }))).map(({ t, p }) => ({
        name: t.name,
        added_via_api: true,
        host_statuses: t.pods.map((pod) => ({
          address: addr(pod.ip, p.targetPort),
          stats: [{ name: 'cx_connect_fail' }, { name: 'rq_success', value: '0', type: 'COUNTER' }],
          health_status: { eds_health_status: 'HEALTHY' },
          weight: 1,
          locality: {},
        })),
      })),
    ),
  };
}
