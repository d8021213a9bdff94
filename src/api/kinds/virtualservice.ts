/** networking.istio.io VirtualService: how requests to a host are routed (HTTP, TLS by SNI, TCP). */
import { boolValue, bool, double, duration, enumOf, int32, list, map, msg, nullable, str, uint32 } from '../schema/index.js';
import type { KindDefinition } from '../schema/index.js';
import { AGE_COLUMN, NETWORKING } from './meta.js';
import { PortSelector, StringMatch } from './shared.js';

export const Destination = msg({ host: str(), port: PortSelector, subset: str() }, { required: ['host'] });
const Percent = msg({ value: double() });

const HeaderOperations = msg({ add: map(str()), remove: list(str()), set: map(str()) });
export const Headers = msg({ request: HeaderOperations, response: HeaderOperations });

const HTTPMatchRequest = msg({
  authority: StringMatch,
  gateways: list(str()),
  headers: map(StringMatch),
  ignoreUriCase: bool(),
  method: StringMatch,
  name: str(),
  port: uint32(),
  queryParams: map(StringMatch),
  scheme: StringMatch,
  sourceLabels: map(str()),
  sourceNamespace: str(),
  statPrefix: str(),
  uri: StringMatch,
  withoutHeaders: map(StringMatch),
});

const HTTPRoute = msg({
  corsPolicy: msg({
    allowCredentials: boolValue(),
    allowHeaders: list(str()),
    allowMethods: list(str()),
    allowOrigin: list(str()),
    allowOrigins: list(StringMatch),
    exposeHeaders: list(str()),
    maxAge: duration(),
    unmatchedPreflights: enumOf(['UNSPECIFIED', 'FORWARD', 'IGNORE']),
  }),
  delegate: msg({ name: str(), namespace: str() }),
  directResponse: msg(
    { body: msg({ bytes: str({ format: 'byte' }), string: str() }, { oneOf: [['string', 'bytes']] }), status: uint32() },
    { required: ['status'] },
  ),
  fault: msg({
    abort: msg(
      { grpcStatus: str(), http2Error: str(), httpStatus: int32(), percentage: Percent },
      { oneOf: [['httpStatus', 'grpcStatus', 'http2Error']] },
    ),
    delay: msg(
      { exponentialDelay: duration(), fixedDelay: duration(), percent: int32(), percentage: Percent },
      { oneOf: [['fixedDelay', 'exponentialDelay']] },
    ),
  }),
  headers: Headers,
  match: list(HTTPMatchRequest),
  mirror: Destination,
  mirror_percent: nullable(uint32()),
  mirrorPercent: nullable(uint32()),
  mirrorPercentage: Percent,
  mirrors: list(msg({ destination: Destination, percentage: Percent }, { required: ['destination'] })),
  name: str(),
  redirect: msg(
    {
      authority: str(),
      derivePort: enumOf(['FROM_PROTOCOL_DEFAULT', 'FROM_REQUEST_PORT']),
      port: uint32(),
      prefixRewrite: str(),
      redirectCode: uint32(),
      scheme: str(),
      uri: str(),
    },
    { oneOf: [['port', 'derivePort']] },
  ),
  retries: msg({
    attempts: int32(),
    backoff: duration(),
    perTryTimeout: duration(),
    retryIgnorePreviousHosts: boolValue(),
    retryOn: str(),
    retryRemoteLocalities: boolValue(),
  }),
  rewrite: msg({ authority: str(), uri: str(), uriRegexRewrite: msg({ match: str(), rewrite: str() }) }),
  route: list(msg({ destination: Destination, headers: Headers, weight: int32() }, { required: ['destination'] })),
  timeout: duration(),
});

const L4Route = msg({ destination: Destination, weight: int32() }, { required: ['destination'] });
const L4Match = {
  destinationSubnets: list(str()),
  gateways: list(str()),
  port: uint32(),
  sourceLabels: map(str()),
  sourceNamespace: str(),
};

export const VirtualService: KindDefinition = {
  ...NETWORKING,
  kind: 'VirtualService',
  plural: 'virtualservices',
  shortNames: ['vs'],
  versions: [{ name: 'v1', storage: true }, { name: 'v1alpha3' }, { name: 'v1beta1' }],
  printerColumns: [
    { name: 'Gateways', type: 'string', jsonPath: '.spec.gateways', description: 'Gateways and sidecars the routes apply to.' },
    { name: 'Hosts', type: 'string', jsonPath: '.spec.hosts', description: 'Hosts the routes are for.' },
    AGE_COLUMN,
  ],
  spec: msg(
    {
      exportTo: list(str()),
      gateways: list(str()),
      hosts: list(str()),
      http: list(HTTPRoute),
      tcp: list(msg({ match: list(msg({ ...L4Match, sourceSubnet: str() })), route: list(L4Route) })),
      tls: list(
        msg({ match: list(msg({ ...L4Match, sniHosts: list(str()) }, { required: ['sniHosts'] })), route: list(L4Route) }, { required: ['match'] }),
      ),
    },
    { description: 'Routing rules for traffic to a set of hosts.' },
  ),
};
