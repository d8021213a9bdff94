/** networking.istio.io DestinationRule: policies for traffic to a service once routing has happened. */
import { bool, boolValue, double, duration, enumOf, int32, int64, list, map, msg, nullable, str, uint32 } from '../schema/index.js';
import type { KindDefinition } from '../schema/index.js';
import { AGE_COLUMN, NETWORKING } from './meta.js';
import { LabelSelector, PortSelector } from './shared.js';

const KeepAlive = msg({ interval: duration(), probes: uint32(), time: duration() });

export const ConnectionPool = msg({
  http: msg({
    h2UpgradePolicy: enumOf(['DEFAULT', 'DO_NOT_UPGRADE', 'UPGRADE']),
    http1MaxPendingRequests: int32(),
    http2KeepAlive: msg({ interval: duration(), timeout: duration() }),
    http2MaxRequests: int32(),
    idleTimeout: duration(),
    maxConcurrentStreams: int32(),
    maxRequestsPerConnection: int32(),
    maxRetries: int32(),
    useClientProtocol: bool(),
  }),
  tcp: msg({
    connectTimeout: duration(),
    idleTimeout: str(),
    maxConnectionDuration: duration(),
    maxConnections: int32(),
    tcpKeepalive: KeepAlive,
  }),
});

const Failover = msg({ from: str(), to: str() });

const LoadBalancer = msg(
  {
    backendUtilization: msg({
      errorUtilizationPenaltyPercent: uint32(),
      metricNamesForComputingUtilization: list(str()),
      weightExpirationPeriod: str(),
      weightStabilizationPeriod: str(),
      weightUpdatePeriod: str(),
    }),
    consistentHash: msg(
      {
        httpCookie: msg(
          { attributes: list(msg({ name: str(), value: str() }, { required: ['name'] })), name: str(), path: str(), ttl: str() },
          { required: ['name'] },
        ),
        httpHeaderName: str(),
        httpQueryParameterName: str(),
        maglev: msg({ tableSize: int64({ minimum: 0 }) }),
        minimumRingSize: int64({ minimum: 0 }),
        ringHash: msg({ minimumRingSize: int64({ minimum: 0 }) }),
        useSourceIp: bool(),
      },
      { oneOf: [['httpHeaderName', 'httpCookie', 'useSourceIp', 'httpQueryParameterName'], ['ringHash', 'maglev']] },
    ),
    localityLbSetting: msg({
      distribute: list(msg({ from: str(), to: map(uint32()) })),
      enabled: boolValue(),
      failover: list(Failover),
      failoverPriority: list(str()),
    }),
    simple: enumOf(['UNSPECIFIED', 'LEAST_CONN', 'RANDOM', 'PASSTHROUGH', 'ROUND_ROBIN', 'LEAST_REQUEST']),
    warmup: msg(
      {
        aggression: nullable(double({ minimum: 0 })),
        duration: duration(),
        minimumPercent: nullable(double({ minimum: 0, maximum: 100 })),
      },
      { required: ['duration'] },
    ),
    warmupDurationSecs: duration(),
    zoneAwareLbSetting: msg({
      enabled: boolValue(),
      failover: list(Failover),
      failoverPriority: list(str()),
      minClusterSize: nullable(uint32({ minimum: 1 })),
    }),
  },
  { oneOf: [['simple', 'consistentHash', 'backendUtilization']] },
);

const OutlierDetection = msg({
  baseEjectionTime: duration(),
  consecutive5xxErrors: nullable(uint32()),
  consecutiveErrors: int32(),
  consecutiveGatewayErrors: nullable(uint32()),
  consecutiveLocalOriginFailures: nullable(uint32()),
  interval: duration(),
  maxEjectionPercent: int32(),
  minHealthPercent: int32(),
  outlierDetectionHttpErrorCodes: list(uint32({ minimum: 100, maximum: 599 })),
  splitExternalLocalOriginErrors: bool(),
});

/** ClientTLSSettings: how the sidecar originates TLS to the destination. */
export const ClientTLSSettings = msg({
  caCertificates: str(),
  caCrl: str(),
  clientCertificate: str(),
  credentialName: str(),
  insecureSkipVerify: boolValue(),
  mode: enumOf(['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']),
  privateKey: str(),
  sni: str(),
  subjectAltNames: list(str()),
});

const TrafficPolicy = msg({
  connectionPool: ConnectionPool,
  loadBalancer: LoadBalancer,
  outlierDetection: OutlierDetection,
  portLevelSettings: list(
    msg({ connectionPool: ConnectionPool, loadBalancer: LoadBalancer, outlierDetection: OutlierDetection, port: PortSelector, tls: ClientTLSSettings }),
    { maxItems: 4096 },
  ),
  proxyProtocol: msg({ version: enumOf(['V1', 'V2']) }),
  retryBudget: msg({ budgetInterval: str(), minRetryConcurrency: uint32(), percent: nullable(double({ minimum: 0, maximum: 100 })) }),
  tls: ClientTLSSettings,
  tunnel: msg({ protocol: str(), targetHost: str(), targetPort: uint32() }, { required: ['targetHost', 'targetPort'] }),
});

export const DestinationRule: KindDefinition = {
  ...NETWORKING,
  kind: 'DestinationRule',
  plural: 'destinationrules',
  shortNames: ['dr'],
  versions: [{ name: 'v1', storage: true }, { name: 'v1alpha3' }, { name: 'v1beta1' }],
  printerColumns: [{ name: 'Host', type: 'string', jsonPath: '.spec.host', description: 'The service the policies apply to.' }, AGE_COLUMN],
  spec: msg(
    {
      exportTo: list(str()),
      host: str(),
      subsets: list(msg({ labels: map(str()), name: str(), trafficPolicy: TrafficPolicy }, { required: ['name'] })),
      trafficPolicy: TrafficPolicy,
      workloadSelector: LabelSelector,
    },
    { required: ['host'], description: 'Load balancing, connection pools, outlier detection and TLS for a destination.' },
  ),
};
