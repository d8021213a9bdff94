/**
 * Small stand-ins for Istio's injector functions and a realistic template data object (a pod with two
 * containers, Istio's default values), so tests can run upstream's injection template through the engine.
 * Not Istio's code: just enough behaviour for the template to execute.
 */
import { goSprint, goStringMap, marshalJson, marshalYaml, type TemplateFunc } from '../index.js';

const mapOf = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export const injectorStandIns: Record<string, TemplateFunc> = {
  annotation: (meta, name, def) => {
    const a = mapOf(mapOf(meta).Annotations);
    return Object.hasOwn(a, String(name)) ? String(a[String(name)]) : goSprint([def]);
  },
  valueOrDefault: (v, def) => (v === null || v === undefined || v === '' ? def : v),
  isset: (m, k) => Object.hasOwn(mapOf(m), String(k)),
  excludeInboundPort: (port, list) => {
    const p = goSprint([port]);
    const ports = String(list ?? '').split(',').filter((s) => s !== '');
    return ports.includes(p) || p === '0' ? ports.join(',') : [...ports, p].join(',');
  },
  includeInboundPorts: () => '*',
  structToJSON: (v) => marshalJson(v ?? {}),
  protoToJSON: (v) => marshalJson({ discoveryAddress: mapOf(v).DiscoveryAddress }),
  toJSON: (v) => marshalJson(v ?? {}),
  fromJSON: (s) => JSON.parse(String(s)) as unknown,
  omitNil: (v) => v,
  appendMultusNetwork: (a, b) => (a ? `${String(a)}, ${String(b)}` : b),
  toLower: (s) => String(s).toLowerCase(),
  directory: (s) => String(s).replace(/\/[^/]*$/, ''),
  otelResourceAttributes: () => '',
  // istiod replaces two sprig functions: its indent pads every line but the first, its toYaml keeps the
  // trailing newline. Upstream's template relies on both (`      {{ toYaml ... | indent 6 }}`).
  indent: (n, s) => String(s).split('\n').map((line, i) => (i === 0 ? line : ' '.repeat(Number(n)) + line)).join('\n'),
  toYaml: (v) => marshalYaml(v),
};

export const INJECTOR_NAMES = Object.keys(injectorStandIns);

/** Template data as istiod builds it for a Deployment's pod with two containers. */
export function podData(annotations: Record<string, string> = {}): unknown {
  const container = (name: string, port: number) => ({ Name: name, Image: `example/${name}:1`, Ports: [{ ContainerPort: port, Protocol: 'TCP' }] });
  return {
    TypeMeta: { Kind: 'Deployment', APIVersion: 'apps/v1' },
    DeploymentMeta: { Name: 'reviews', Namespace: 'shop' },
    ObjectMeta: {
      Name: 'reviews-7d9f',
      Namespace: 'shop',
      Labels: goStringMap({ app: 'reviews', version: 'v1' }),
      Annotations: goStringMap({ ...annotations }),
    },
    Spec: { Containers: [container('reviews', 9080), container('cache', 6379)], ServiceAccountName: 'reviews' },
    ProxyConfig: {
      DiscoveryAddress: 'istiod.istio-system.svc:15012',
      InterceptionMode: { String: () => 'REDIRECT' },
      ProxyMetadata: goStringMap({}),
      HoldApplicationUntilProxyStarts: { GetValue: () => false },
      GetTracing: () => null,
    },
    MeshConfig: { ProxyListenPort: 0, ProxyInboundListenPort: 0, TrustDomain: 'cluster.local' },
    Values: {
      revision: '',
      global: {
        caAddress: '',
        caName: '',
        imagePullPolicy: '',
        imagePullSecrets: [],
        istioNamespace: 'istio-system',
        logAsJson: false,
        logging: { level: 'default:info' },
        meshID: '',
        mountMtlsCerts: false,
        multiCluster: { clusterName: 'Kubernetes' },
        network: '',
        pilotCertProvider: 'istiod',
        sds: { token: { aud: 'istio-ca' } },
        sts: { servicePort: 0 },
        trustDomain: '',
        proxy: {
          image: 'proxyv2',
          capNetBindService: false,
          clusterDomain: 'cluster.local',
          componentLogLevel: 'misc:error',
          excludeInboundPorts: '',
          excludeIPRanges: '',
          excludeOutboundPorts: '',
          holdApplicationUntilProxyStarts: false,
          includeInboundPorts: '*',
          includeIPRanges: '*',
          includeOutboundPorts: '',
          lifecycle: {},
          logLevel: 'warning',
          outlierLogPath: '',
          privileged: false,
          readinessFailureThreshold: 4,
          readinessInitialDelaySeconds: 0,
          readinessPeriodSeconds: 15,
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2000m', memory: '1024Mi' } },
          seccompProfile: {},
          startupProbe: { enabled: true, failureThreshold: 600 },
          statusPort: 15020,
          tracer: 'none',
        },
        proxy_init: { image: 'proxyv2', forceApplyIptables: false },
      },
      pilot: { cni: { enabled: false, provider: 'default' } },
    },
    Revision: 'default',
    ProxyImage: 'docker.io/istio/proxyv2:1.26.0',
    ProxyInitImage: 'docker.io/istio/proxyv2:1.26.0',
    ProxyUID: 1337,
    ProxyGID: 1337,
    NativeSidecars: false,
    InboundTrafficPolicyMode: '',
    CompliancePolicy: '',
  };
}
