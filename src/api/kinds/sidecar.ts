/** networking.istio.io Sidecar, ProxyConfig and EnvoyFilter: how each proxy is configured. */
import { cel, enumOf, int32, list, map, msg, nullable, preserve, str, uint32, withCel } from '../schema/index.js';
import type { KindDefinition } from '../schema/index.js';
import { ConnectionPool } from './destinationrule.js';
import { ServerTLSSettings } from './gateway.js';
import { NETWORKING } from './meta.js';
import { LabelSelector, PolicyTargetReference, portNumber, PortSelector, WorkloadSelector } from './shared.js';

const SidecarPort = msg({ name: str(), number: uint32(), protocol: str(), targetPort: uint32() });
const CaptureMode = enumOf(['DEFAULT', 'IPTABLES', 'NONE']);

export const Sidecar: KindDefinition = {
  ...NETWORKING,
  kind: 'Sidecar',
  plural: 'sidecars',
  versions: [{ name: 'v1', storage: true }, { name: 'v1alpha3' }, { name: 'v1beta1' }],
  spec: msg(
    {
      egress: list(msg({ bind: str(), captureMode: CaptureMode, hosts: list(str()), port: SidecarPort }, { required: ['hosts'] })),
      inboundConnectionPool: ConnectionPool,
      ingress: list(
        msg(
          { bind: str(), captureMode: CaptureMode, connectionPool: ConnectionPool, defaultEndpoint: str(), port: SidecarPort, tls: ServerTLSSettings },
          { required: ['port'] },
        ),
      ),
      outboundTrafficPolicy: msg({
        egressProxy: msg({ host: str(), port: PortSelector, subset: str() }, { required: ['host'] }),
        mode: enumOf(['REGISTRY_ONLY', 'ALLOW_ANY']),
      }),
      workloadSelector: WorkloadSelector,
    },
    { description: 'Limits and tunes what a workload\'s sidecar proxy accepts and can reach.' },
  ),
};

export const ProxyConfig: KindDefinition = {
  ...NETWORKING,
  kind: 'ProxyConfig',
  plural: 'proxyconfigs',
  versions: [{ name: 'v1beta1', storage: true }],
  spec: msg(
    {
      concurrency: nullable(int32({ minimum: 0 })),
      environmentVariables: map(str({ maxLength: 2048 })),
      image: msg({ imageType: str() }),
      selector: LabelSelector,
    },
    { description: 'Proxy settings (concurrency, environment, image type) for selected workloads.' },
  ),
};

const FilterMatch = msg({ name: str(), subFilter: msg({ name: str() }) });

const ObjectMatch = withCel(
  msg(
    {
      cluster: msg({ name: str(), portNumber: uint32(), service: str(), subset: str() }),
      context: enumOf(['ANY', 'SIDECAR_INBOUND', 'SIDECAR_OUTBOUND', 'GATEWAY', 'WAYPOINT']),
      listener: msg({
        filterChain: msg({
          applicationProtocols: str(),
          destinationPort: uint32(),
          filter: FilterMatch,
          name: str(),
          sni: str(),
          transportProtocol: str(),
          transportSocket: str(),
        }),
        listenerFilter: str(),
        name: str(),
        portName: str(),
        portNumber: uint32(),
      }),
      proxy: msg({ metadata: map(str()), proxyVersion: str() }),
      routeConfiguration: msg({
        gateway: str(),
        name: str(),
        portName: str(),
        portNumber: uint32(),
        vhost: msg({ domainName: str(), name: str(), route: msg({ action: enumOf(['ANY', 'ROUTE', 'REDIRECT', 'DIRECT_RESPONSE']), name: str() }) }),
      }),
      waypoint: msg({ filter: FilterMatch, portNumber: portNumber(), route: msg({ name: str() }) }),
    },
    { oneOf: [['listener', 'routeConfiguration', 'cluster', 'waypoint']] },
  ),
  cel("has(self.waypoint) == (has(self.context) && self.context == 'WAYPOINT')", 'waypoint matches need context WAYPOINT, and context WAYPOINT needs a waypoint match'),
);

export const EnvoyFilter: KindDefinition = {
  ...NETWORKING,
  kind: 'EnvoyFilter',
  plural: 'envoyfilters',
  versions: [{ name: 'v1alpha3', storage: true }],
  spec: withCel(
    msg(
      {
        configPatches: list(
          msg({
            applyTo: enumOf([
              'INVALID',
              'LISTENER',
              'FILTER_CHAIN',
              'NETWORK_FILTER',
              'HTTP_FILTER',
              'ROUTE_CONFIGURATION',
              'VIRTUAL_HOST',
              'HTTP_ROUTE',
              'CLUSTER',
              'EXTENSION_CONFIG',
              'BOOTSTRAP',
              'LISTENER_FILTER',
            ]),
            match: ObjectMatch,
            patch: msg({
              filterClass: enumOf(['UNSPECIFIED', 'AUTHN', 'AUTHZ', 'STATS']),
              operation: enumOf(['INVALID', 'MERGE', 'ADD', 'REMOVE', 'INSERT_BEFORE', 'INSERT_AFTER', 'INSERT_FIRST', 'REPLACE', 'MERGE_AND_REPLACE_LIST']),
              value: preserve(),
            }),
          }),
        ),
        priority: int32(),
        targetRefs: list(PolicyTargetReference, { maxItems: 16 }),
        workloadSelector: WorkloadSelector,
      },
      { description: 'Patches the Envoy configuration istiod generates; use with care.' },
    ),
    cel('!(has(self.workloadSelector) && has(self.targetRefs))', 'workloadSelector and targetRefs cannot both be set'),
  ),
};
