/** validateResource: schema (unknown fields, types, enums, oneofs), CEL intent, semantic checks, positions. */
import { describe, expect, it } from 'vitest';
import { parseResources } from '../../src/resources/index.js';
import { isIstioKind, validateResource, type ValidationIssue } from '../../src/validators/index.js';

async function issues(yaml: string, referential = true): Promise<ValidationIssue[]> {
  const { resources, problems } = parseResources({ name: 'in.yaml', text: yaml });
  expect(problems).toEqual([]);
  expect(resources.length).toBe(1);
  return validateResource(resources[0]!, { referential });
}
const brief = (list: ValidationIssue[]) => list.map((i) => `${i.line}:${i.col} ${i.pathText}: ${i.message}${i.severity === 'warning' ? ' (warning)' : ''}`);

const head = (kind: string, apiVersion = 'networking.istio.io/v1') => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n  namespace: ns\n`;

describe('isIstioKind', () => {
  it.each([
    ['networking.istio.io/v1', 'VirtualService', true],
    ['networking.istio.io/v1alpha3', 'EnvoyFilter', true],
    ['networking.istio.io/v1', 'EnvoyFilter', false],
    ['networking.istio.io/v1beta1', 'ProxyConfig', true],
    ['apps/v1', 'Deployment', false],
  ])('%s %s -> %s', (apiVersion, kind, expected) => {
    expect(isIstioKind(apiVersion, kind)).toBe(expected);
  });
});

describe('valid resources have no issues', () => {
  it.each([
    ['Gateway', 'spec:\n  selector: {istio: ingressgateway}\n  servers:\n  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: ["ns1/*.example.com", "*/bookinfo.com"]\n    tls: {mode: SIMPLE, credentialName: cert}\n'],
    ['VirtualService', 'spec:\n  hosts: [reviews]\n  http:\n  - match: [{uri: {prefix: /v1}, headers: {x-user: {regex: "^a.*"}}}]\n    route:\n    - destination: {host: reviews, subset: v1}\n      weight: 75\n    - destination: {host: reviews, subset: v2}\n      weight: 25\n    timeout: 1.5s\n    retries: {attempts: 3, perTryTimeout: 2s}\n'],
    ['DestinationRule', 'spec:\n  host: reviews.ns.svc.cluster.local\n  trafficPolicy:\n    loadBalancer: {simple: LEAST_REQUEST}\n    connectionPool: {tcp: {connectTimeout: 30ms, maxConnections: 100}}\n  subsets:\n  - name: v1\n    labels: {version: v1}\n'],
    ['ServiceEntry', 'spec:\n  hosts: [api.example.com]\n  location: MESH_EXTERNAL\n  resolution: DNS\n  ports: [{number: 443, name: https, protocol: TLS}]\n'],
    ['Sidecar', 'spec:\n  egress:\n  - hosts: ["./*", "istio-system/*"]\n'],
    ['WorkloadEntry', 'spec:\n  address: 10.0.0.1\n  labels: {app: vm}\n  ports: {http: 8080}\n'],
    ['EnvoyFilter', 'spec:\n  configPatches:\n  - applyTo: HTTP_FILTER\n    match: {context: SIDECAR_INBOUND}\n    patch: {operation: INSERT_BEFORE, value: {name: my.filter}}\n', 'networking.istio.io/v1alpha3'],
  ])('%s', async (kind, spec, apiVersion = 'networking.istio.io/v1') => {
    expect(brief(await issues(head(kind, apiVersion) + spec))).toEqual([]);
  });
});

describe('schema errors carry path and line:column', () => {
  it('reports an unknown field at its key, like kubectl --validate=strict', async () => {
    const list = await issues(`${head('VirtualService')}spec:\n  hosts: [a]\n  http:\n  - route:\n    - destination: {host: a}\n      wieght: 10\n`);
    expect(brief(list)).toEqual(['11:7 spec.http[0].route[0].wieght: unknown field "wieght"']);
  });

  it('reports wrong types, enums, bounds and missing required fields', async () => {
    const list = await issues(
      `${head('Gateway')}spec:\n  servers:\n  - port: {number: 70000, name: http, protocol: HTTP}\n    hosts: "*"\n    tls: {mode: SIMPLY}\n  - hosts: [a.com]\n`,
    );
    expect(brief(list)).toEqual([
      '8:20 spec.servers[0].port.number: port 70000 is not in 1..65535',
      '9:12 spec.servers[0].hosts: expected a list, got the string "*"',
      '10:10 spec.servers[0].tls: tls settings are ignored on a HTTP port (warning)',
      '10:17 spec.servers[0].tls.mode: "SIMPLY" is not one of PASSTHROUGH, SIMPLE, MUTUAL, AUTO_PASSTHROUGH, ISTIO_MUTUAL, OPTIONAL_MUTUAL',
      '11:5 spec.servers[1]: missing required field "port"',
    ]);
  });

  it('reports a protobuf oneof with two members set', async () => {
    const list = await issues(`${head('VirtualService')}spec:\n  hosts: [a]\n  http:\n  - match: [{uri: {exact: /a, prefix: /b}}]\n    route: [{destination: {host: a}}]\n`);
    expect(brief(list)).toEqual(['9:19 spec.http[0].match[0].uri: only one of exact, prefix, regex may be set (found exact and prefix)']);
  });

  it('reports integers out of a uint32 range and negative values where Istio takes unsigned numbers', async () => {
    const list = await issues(`${head('DestinationRule')}spec:\n  host: a\n  trafficPolicy:\n    outlierDetection: {consecutive5xxErrors: -1, outlierDetectionHttpErrorCodes: [99]}\n`);
    expect(brief(list)).toEqual([
      '9:46 spec.trafficPolicy.outlierDetection.consecutive5xxErrors: -1 is below the minimum of 0',
      '9:83 spec.trafficPolicy.outlierDetection.outlierDetectionHttpErrorCodes[0]: 99 is below the minimum of 100',
    ]);
  });

  it('reports an apiVersion that does not serve the kind', async () => {
    const list = await issues(`${head('EnvoyFilter', 'networking.istio.io/v1')}spec: {}\n`);
    expect(brief(list)).toEqual(['1:13 apiVersion: networking.istio.io/v1 does not serve EnvoyFilter; use networking.istio.io/v1alpha3']);
  });
});

describe('CEL rules are checked by their intent', () => {
  it.each([
    ['a duration under 1ms', 'VirtualService', 'spec:\n  hosts: [a]\n  http:\n  - route: [{destination: {host: a}}]\n    timeout: 500us\n', 'spec.http[0].timeout: must be a valid duration of at least 1ms'],
    ['a malformed duration', 'DestinationRule', 'spec:\n  host: a\n  trafficPolicy: {connectionPool: {tcp: {connectTimeout: 10 seconds}}}\n', 'spec.trafficPolicy.connectionPool.tcp.connectTimeout: must be a valid duration of at least 1ms'],
    ['a wildcard in a selector', 'Sidecar', 'spec:\n  workloadSelector: {labels: {app: "web*"}}\n  egress: [{hosts: ["./*"]}]\n', 'spec.workloadSelector.labels.app: wildcards are not supported in selectors'],
    ['endpoints with a workload selector', 'ServiceEntry', 'spec:\n  hosts: [a.com]\n  resolution: STATIC\n  workloadSelector: {labels: {app: a}}\n  endpoints: [{address: 1.1.1.1}]\n', 'spec: workloadSelector and endpoints cannot both be set'],
    ['duplicate port numbers', 'ServiceEntry', 'spec:\n  hosts: [a.com]\n  ports: [{number: 80, name: http}, {number: 80, name: http2}]\n', 'spec.ports: port numbers must be unique'],
    ['port 0 in a workload entry', 'WorkloadEntry', 'spec:\n  address: 1.2.3.4\n  ports: {http: 0}\n', 'spec.ports.http: port must be between 1 and 65535'],
    ['a UDS address with ports', 'WorkloadEntry', 'spec:\n  address: unix:///var/run/a.sock\n  ports: {http: 80}\n', 'spec: a Unix domain socket address cannot have ports'],
  ])('%s', async (_name, kind, spec, expected) => {
    expect(brief(await issues(head(kind) + spec)).map((s) => s.replace(/^\d+:\d+ /, ''))).toContain(expected);
  });
});

describe('semantic checks (istiod validation)', () => {
  it.each([
    ['route weights that do not add up to 100', 'VirtualService', 'spec:\n  hosts: [a]\n  http:\n  - route:\n    - {destination: {host: a, subset: v1}, weight: 50}\n    - {destination: {host: a, subset: v2}, weight: 20}\n', 'spec.http[0].route: route weights add up to 70, not 100'],
    ['a regex RE2 cannot compile', 'VirtualService', 'spec:\n  hosts: [a]\n  http:\n  - match: [{uri: {regex: "(?=x)a"}}]\n    route: [{destination: {host: a}}]\n', 'spec.http[0].match[0].uri.regex: regex "(?=x)a" uses look-around, which RE2 (Envoy) does not support'],
    ['a broken regex', 'VirtualService', 'spec:\n  hosts: [a]\n  http:\n  - match: [{uri: {regex: "a(b"}}]\n    route: [{destination: {host: a}}]\n', 'spec.http[0].match[0].uri.regex: regex "a(b" does not compile'],
    ['a wildcard in the middle of a host', 'VirtualService', 'spec:\n  hosts: [foo.*.com]\n  http: [{route: [{destination: {host: a}}]}]\n', 'spec.hosts[0]: host "foo.*.com" is not a valid DNS name (label "*": a wildcard is allowed only at the start)'],
    ['host * bound to the mesh', 'VirtualService', 'spec:\n  hosts: ["*"]\n  http: [{route: [{destination: {host: a}}]}]\n', 'spec.hosts[0]: host "*" is only allowed for VirtualServices bound to gateways (not to the mesh)'],
    ['a route with nothing to do', 'VirtualService', 'spec:\n  hosts: [a]\n  http: [{name: r}]\n', 'spec.http[0]: an HTTP route needs route, redirect, directResponse or delegate'],
    ['a bad exportTo', 'VirtualService', 'spec:\n  hosts: [a]\n  exportTo: ["*", "Bad_NS"]\n  http: [{route: [{destination: {host: a}}]}]\n', 'spec.exportTo[1]: "Bad_NS" is not ".", "*", "~" or a namespace name'],
    ['a bad gateway reference', 'VirtualService', 'spec:\n  hosts: [a]\n  gateways: [a/b/c]\n  http: [{route: [{destination: {host: a}}]}]\n', 'spec.gateways[0]: gateway "a/b/c" must be "mesh", "name" or "namespace/name"'],
    ['an SNI host outside the hosts', 'VirtualService', 'spec:\n  hosts: [a.com]\n  tls: [{match: [{sniHosts: [b.com]}], route: [{destination: {host: b}}]}]\n', 'spec.tls[0].match[0].sniHosts[0]: SNI host "b.com" is not one of the VirtualService\'s hosts'],
    ['a bad CIDR', 'ServiceEntry', 'spec:\n  hosts: [a.com]\n  addresses: [10.0.0.0/40]\n', 'spec.addresses[0]: "10.0.0.0/40" has an invalid prefix length (0..32)'],
    ['a STATIC endpoint that is a name', 'ServiceEntry', 'spec:\n  hosts: [a.com]\n  resolution: STATIC\n  endpoints: [{address: foo.com}]\n', 'spec.endpoints[0].address: endpoint address "foo.com" must be an IP address with resolution STATIC'],
    ['an unknown protocol', 'Gateway', 'spec:\n  servers: [{port: {number: 80, name: p, protocol: HTTP3}, hosts: ["*"]}]\n', 'spec.servers[0].port.protocol: unknown protocol "HTTP3"; use one of HTTP, HTTPS, GRPC, GRPC-WEB, HTTP2, MONGO, MYSQL, REDIS, TCP, TLS, UDP, HBONE, HTTP_PROXY'],
    ['HTTPS without TLS settings', 'Gateway', 'spec:\n  servers: [{port: {number: 443, name: p, protocol: HTTPS}, hosts: ["*"]}]\n', 'spec.servers[0]: a HTTPS server needs tls settings'],
    ['SIMPLE TLS without a certificate', 'Gateway', 'spec:\n  servers: [{port: {number: 443, name: p, protocol: HTTPS}, hosts: ["*"], tls: {mode: SIMPLE}}]\n', 'spec.servers[0].tls: TLS mode SIMPLE needs credentialName (or serverCertificate and privateKey)'],
    ['a bad label key in a selector', 'Gateway', 'spec:\n  selector: {"-bad": x}\n  servers: [{port: {number: 80, name: p, protocol: HTTP}, hosts: ["*"]}]\n', 'spec.selector["-bad"]: label key "-bad" is invalid: up to 63 letters, digits, "-", "_", "." starting and ending alphanumeric'],
    ['duplicate subsets', 'DestinationRule', 'spec:\n  host: a\n  subsets: [{name: v1}, {name: v1}]\n', 'spec.subsets[1].name: subset "v1" is defined twice'],
    ['an outlier percentage over 100', 'DestinationRule', 'spec:\n  host: a\n  trafficPolicy: {outlierDetection: {maxEjectionPercent: 150}}\n', 'spec.trafficPolicy.outlierDetection.maxEjectionPercent: maxEjectionPercent 150 is not in 0..100'],
    ['a sidecar egress host without namespace', 'Sidecar', 'spec:\n  egress: [{hosts: ["foo.com"]}]\n', 'spec.egress[0].hosts[0]: egress host "foo.com" must be written namespace/host (e.g. "./*" or "istio-system/*")'],
    ['an EnvoyFilter patch without operation', 'EnvoyFilter', 'spec:\n  configPatches: [{applyTo: CLUSTER, patch: {value: {}}}]\n', 'spec.configPatches[0].patch.operation: patch.operation is required'],
  ])('%s', async (_name, kind, spec, expected) => {
    const apiVersion = kind === 'EnvoyFilter' ? 'networking.istio.io/v1alpha3' : 'networking.istio.io/v1';
    const got = brief(await issues(head(kind, apiVersion) + spec)).map((s) => s.replace(/^\d+:\d+ /, ''));
    expect(got.some((g) => g.startsWith(expected)), `${got.join('\n')}`).toBe(true);
  });

  it('skips reference checks with referential: false', async () => {
    const yaml = `${head('VirtualService')}spec:\n  hosts: [a]\n  gateways: [a/b/c]\n  http: [{route: [{destination: {host: a}}]}]\n`;
    expect(brief(await issues(yaml, true))).toHaveLength(1);
    expect(brief(await issues(yaml, false))).toEqual([]);
  });
});

describe('built-in kinds', () => {
  it('warns about Service ports Istio cannot classify, not about named or appProtocol ones', async () => {
    const list = await issues('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - {port: 80, name: http-web}\n  - {port: 81, name: web}\n  - {port: 82, name: x, appProtocol: http}\n  - {port: 83}\n');
    expect(brief(list)).toEqual([
      '7:22 spec.ports[1].name: port name "web" does not start with a protocol Istio recognises (grpc, grpc-web, http, http2, https, mongo, mysql, redis, tcp, tls, udp) followed by "-" or nothing; set appProtocol or rename it (warning)',
      '9:5 spec.ports[3]: service "s" has an unnamed port; name it after its protocol (http, grpc, tcp...) or set appProtocol so Istio does not have to guess (warning)',
    ]);
  });

  it('warns when a Deployment pod template lacks app/version labels', async () => {
    const list = await issues('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata:\n      labels: {app: d}\n');
    expect(brief(list)).toEqual(['7:15 spec.template.metadata.labels: Deployment "d": pod template has no "version" label; Istio\'s metrics and traces use them (warning)']);
  });
});

describe("agreement with Istio's validation test data", () => {
  it.each([
    ['ServiceEntry IPv6 in a flow list (read as Kubernetes reads YAML)', 'networking.istio.io/v1', 'ServiceEntry', 'spec:\n  hosts: [a.example.com]\n  addresses: [1.2.3.4, 001:db8::]\n  ports: [{number: 80, name: http, protocol: HTTP}]\n  resolution: STATIC\n  endpoints: [{address: 2.2.2.2}]\n'],
    ['AuthorizationPolicy condition on source.trustDomain', 'security.istio.io/v1', 'AuthorizationPolicy', 'spec:\n  rules:\n  - when: [{key: source.trustDomain, values: [cluster.local]}]\n'],
    ['AuthorizationPolicy bare service account', 'security.istio.io/v1', 'AuthorizationPolicy', 'spec:\n  rules:\n  - from: [{source: {serviceAccounts: [sa]}}]\n'],
  ])('accepts %s', async (_what, apiVersion, kind, spec) => {
    expect(brief(await issues(head(kind, apiVersion) + spec))).toEqual([]);
  });

  it.each([
    ['a null jwtRules item', 'security.istio.io/v1', 'RequestAuthentication', 'spec:\n  jwtRules: [null]\n', ['7:14 spec.jwtRules[0]: list items must not be null']],
    [
      'a null outputClaimToHeaders item',
      'security.istio.io/v1',
      'RequestAuthentication',
      'spec:\n  jwtRules:\n  - issuer: https://example.com\n    outputClaimToHeaders:\n    - null\n',
      ['10:7 spec.jwtRules[0].outputClaimToHeaders[0]: list items must not be null'],
    ],
    [
      'a Wasm URL whose scheme Go reads as "localhost"',
      'extensions.istio.io/v1alpha1',
      'WasmPlugin',
      'spec:\n  url: localhost:5000/filters/a.wasm\n',
      ['7:8 spec.url: url must use one of the schemes oci://, file://, http://, https:// (or none, meaning OCI)'],
    ],
    ['a Wasm URL with an unknown scheme', 'extensions.istio.io/v1alpha1', 'WasmPlugin', 'spec:\n  url: ftp://example.com/a.wasm\n', ['7:8 spec.url: url must use one of the schemes oci://, file://, http://, https:// (or none, meaning OCI)']],
  ])('rejects %s', async (_what, apiVersion, kind, spec, expected) => {
    expect(brief(await issues(head(kind, apiVersion) + spec))).toEqual(expected);
  });

  it('keeps null as "unset" for fields and free-form values', async () => {
    expect(brief(await issues(`${head('RequestAuthentication', 'security.istio.io/v1')}spec:\n  selector: null\n  jwtRules: null\n`))).toEqual([]);
    const ef = `${head('EnvoyFilter', 'networking.istio.io/v1alpha3')}spec:\n  configPatches:\n  - applyTo: CLUSTER\n    patch: {operation: ADD, value: {list: [null]}}\n`;
    expect(brief(await issues(ef))).toEqual([]);
  });
});
