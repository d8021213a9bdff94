/**
 * Ingress and egress gateways from `components.ingressGateways/egressGateways`: per gateway a ServiceAccount,
 * a Role to read its TLS secrets, a Deployment running the proxy as a router, a Service, an HPA and a PDB.
 * As Istio's gateway charts, every ingress gateway takes its settings from `values.gateways.istio-ingressgateway`
 * (every egress one from `...istio-egressgateway`) on top of the chart's defaults; a gateway's own `name`,
 * `namespace`, `label`, hub/tag and `k8s` come from its component entry.
 */
import type { KubeObject } from '../../kube/types.js';
import { chartValueDefaults } from '../defaults.js';
import { getPath, isTree, overlay, type Tree } from '../merge.js';
import type { GatewaySpec } from '../values.js';
import { envFromMap, image, meta, object, stringMap, text, value, type ComponentName, type RenderContext } from './context.js';
import { applyK8sSettings, minReplicas } from './k8s.js';

type Kind = 'ingress' | 'egress';

function gatewayValues(ctx: RenderContext, kind: Kind): Tree {
  const base = getPath(chartValueDefaults(), ['gateways', `istio-${kind}gateway`]) as Tree;
  const own = getPath(ctx.install.values, ['gateways', `istio-${kind}gateway`]);
  return isTree(own) ? overlay(base, own) : base;
}

function proxyEnv(ctx: RenderContext, gw: GatewaySpec, v: Tree): Tree[] {
  const field = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } });
  return [
    { name: 'PILOT_CERT_PROVIDER', value: text(ctx, 'global', 'pilotCertProvider') || 'istiod' },
    { name: 'CA_ADDR', value: text(ctx, 'global', 'caAddress') || `${ctx.istiod}.${ctx.ns}.svc:15012` },
    field('NODE_NAME', 'spec.nodeName'),
    field('POD_NAME', 'metadata.name'),
    field('POD_NAMESPACE', 'metadata.namespace'),
    field('INSTANCE_IP', 'status.podIP'),
    field('HOST_IP', 'status.hostIP'),
    { name: 'ISTIO_CPU_LIMIT', valueFrom: { resourceFieldRef: { divisor: '1', resource: 'limits.cpu' } } },
    { name: 'SERVICE_ACCOUNT', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
    { name: 'ISTIO_META_WORKLOAD_NAME', value: gw.name },
    { name: 'ISTIO_META_OWNER', value: `kubernetes://apis/apps/v1/namespaces/${gw.namespace}/deployments/${gw.name}` },
    { name: 'ISTIO_META_MESH_ID', value: text(ctx, 'global', 'meshID') || String(ctx.install.meshConfig.trustDomain ?? 'cluster.local') },
    { name: 'TRUST_DOMAIN', value: String(ctx.install.meshConfig.trustDomain ?? 'cluster.local') },
    { name: 'ISTIO_META_UNPRIVILEGED_POD', value: 'true' },
    { name: 'ISTIO_META_CLUSTER_ID', value: text(ctx, 'global', 'multiCluster', 'clusterName') || 'Kubernetes' },
    { name: 'ISTIO_META_NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
    ...(text(ctx, 'global', 'network') ? [{ name: 'ISTIO_META_NETWORK', value: text(ctx, 'global', 'network') }] : []),
    ...envFromMap(isTree(v.env) ? v.env : {}),
  ];
}

function renderGateway(ctx: RenderContext, gw: GatewaySpec, kind: Kind, component: ComponentName): KubeObject[] {
  const v = gatewayValues(ctx, kind);
  const ns = gw.namespace;
  const labels = { app: `istio-${kind}gateway`, istio: `${kind}gateway`, ...stringMap(v.labels), ...gw.label };
  const secretVolumes = (Array.isArray(v.secretVolumes) ? v.secretVolumes : []).filter(isTree);
  const m = (name: string, annotations?: Record<string, string>) => meta(ctx, component, name, { namespace: ns, labels, revision: true, annotations });
  const sa = `${gw.name}-service-account`;
  const ports = (Array.isArray(v.ports) ? v.ports : []).filter(isTree);
  const clusterDomain = text(ctx, 'global', 'proxy', 'clusterDomain') || 'cluster.local';
  const container: Tree = {
    name: 'istio-proxy',
    image: image(ctx, text(ctx, 'global', 'proxy', 'image') || 'proxyv2', { hub: gw.hub, tag: gw.tag }),
    ...(text(ctx, 'global', 'imagePullPolicy') ? { imagePullPolicy: text(ctx, 'global', 'imagePullPolicy') } : {}),
    args: [
      'proxy',
      'router',
      '--domain',
      `$(POD_NAMESPACE).svc.${clusterDomain}`,
      `--proxyLogLevel=${text(ctx, 'global', 'proxy', 'logLevel') || 'warning'}`,
      `--proxyComponentLogLevel=${text(ctx, 'global', 'proxy', 'componentLogLevel') || 'misc:error'}`,
      `--log_output_level=${text(ctx, 'global', 'logging', 'level') || 'default:info'}`,
    ],
    env: proxyEnv(ctx, gw, v),
    ports: [
      ...ports.map((p) => ({ containerPort: Number(p.targetPort ?? p.port), protocol: String(p.protocol ?? 'TCP') })),
      { containerPort: 15090, protocol: 'TCP', name: 'http-envoy-prom' },
    ],
    readinessProbe: { httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' }, failureThreshold: 30, initialDelaySeconds: 1, periodSeconds: 2, successThreshold: 1, timeoutSeconds: 1 },
    resources: v.resources ?? {},
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true },
    volumeMounts: [
      { name: 'workload-socket', mountPath: '/var/run/secrets/workload-spiffe-uds' },
      { name: 'credential-socket', mountPath: '/var/run/secrets/credential-uds' },
      { name: 'workload-certs', mountPath: '/var/run/secrets/workload-spiffe-credentials' },
      { name: 'istio-envoy', mountPath: '/etc/istio/proxy' },
      { name: 'config-volume', mountPath: '/etc/istio/config' },
      { name: 'istiod-ca-cert', mountPath: '/var/run/secrets/istio' },
      { name: 'istio-token', mountPath: '/var/run/secrets/tokens', readOnly: true },
      { name: 'istio-data', mountPath: '/var/lib/istio/data' },
      { name: 'podinfo', mountPath: '/etc/istio/pod' },
      ...secretVolumes.map((sv) => ({ name: sv.name, mountPath: sv.mountPath, readOnly: true })),
    ],
  };
  const aud = text(ctx, 'global', 'sds', 'token', 'aud') || 'istio-ca';
  const autoscale = v.autoscaleEnabled === true;
  const deployment = object('apps/v1', 'Deployment', m(gw.name), {
    spec: {
      ...(!autoscale ? { replicas: Number(v.replicaCount ?? 1) } : {}),
      selector: { matchLabels: labels },
      strategy: { rollingUpdate: { maxSurge: v.rollingMaxSurge ?? '100%', maxUnavailable: v.rollingMaxUnavailable ?? '25%' } },
      template: {
        metadata: {
          labels: {
            ...labels,
            'service.istio.io/canonical-name': gw.name,
            'service.istio.io/canonical-revision': 'latest',
            'istio.io/rev': ctx.revLabel,
            'istio.io/dataplane-mode': 'none',
            'sidecar.istio.io/inject': 'false',
          },
          annotations: {
            'istio.io/rev': ctx.revLabel,
            'prometheus.io/port': '15020',
            'prometheus.io/scrape': 'true',
            'prometheus.io/path': '/stats/prometheus',
            'sidecar.istio.io/inject': 'false',
            ...stringMap(v.podAnnotations),
          },
        },
        spec: {
          serviceAccountName: sa,
          ...(v.runAsRoot === true ? {} : { securityContext: { runAsUser: 1337, runAsGroup: 1337, runAsNonRoot: true } }),
          containers: [container],
          ...(isTree(v.nodeSelector) && Object.keys(v.nodeSelector).length > 0 ? { nodeSelector: v.nodeSelector } : {}),
          ...(Array.isArray(v.tolerations) && v.tolerations.length > 0 ? { tolerations: v.tolerations } : {}),
          ...(isTree(v.affinity) && Object.keys(v.affinity).length > 0 ? { affinity: v.affinity } : {}),
          volumes: [
            { name: 'workload-socket', emptyDir: {} },
            { name: 'credential-socket', emptyDir: {} },
            { name: 'workload-certs', emptyDir: {} },
            { name: 'istiod-ca-cert', configMap: { name: 'istio-ca-root-cert' } },
            { name: 'podinfo', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } }] } },
            { name: 'istio-envoy', emptyDir: {} },
            { name: 'istio-data', emptyDir: {} },
            { name: 'istio-token', projected: { sources: [{ serviceAccountToken: { path: 'istio-token', expirationSeconds: 43200, audience: aud } }] } },
            { name: 'config-volume', configMap: { name: `istio${ctx.suffix}`, optional: true } },
            ...secretVolumes.map((sv) => ({ name: sv.name, secret: { secretName: sv.secretName, optional: true } })),
          ],
        },
      },
    },
  });
  const serviceSpec: Tree = {
    type: v.type ?? (kind === 'ingress' ? 'LoadBalancer' : 'ClusterIP'),
    selector: labels,
    ports: ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol ?? 'TCP', targetPort: p.targetPort ?? p.port, ...(p.nodePort ? { nodePort: p.nodePort } : {}) })),
    ...(v.loadBalancerIP ? { loadBalancerIP: v.loadBalancerIP } : {}),
    ...(Array.isArray(v.loadBalancerSourceRanges) && v.loadBalancerSourceRanges.length > 0 ? { loadBalancerSourceRanges: v.loadBalancerSourceRanges } : {}),
    ...(v.externalTrafficPolicy ? { externalTrafficPolicy: v.externalTrafficPolicy } : {}),
  };
  const objects: KubeObject[] = [
    object('v1', 'ServiceAccount', m(sa)),
    object('rbac.authorization.k8s.io/v1', 'Role', m(`${gw.name}-sds`), { rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'watch', 'list'] }] }),
    object('rbac.authorization.k8s.io/v1', 'RoleBinding', m(`${gw.name}-sds`), {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${gw.name}-sds` },
      subjects: [{ kind: 'ServiceAccount', name: sa }],
    }),
    deployment,
    object('v1', 'Service', m(gw.name, stringMap(v.serviceAnnotations)), { spec: serviceSpec }),
  ];
  if (autoscale) {
    objects.push(
      object('autoscaling/v2', 'HorizontalPodAutoscaler', m(gw.name), {
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: gw.name },
          minReplicas: Number(v.autoscaleMin ?? 1),
          maxReplicas: Number(v.autoscaleMax ?? 5),
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: Number(getPath(v, ['cpu', 'targetAverageUtilization']) ?? 80) } } }],
        },
      }),
    );
  }
  // As Istio: a PDB only when more than one replica runs (or the component asks for one in k8s).
  const replicas = minReplicas(gw.k8s, autoscale, v.autoscaleMin, v.replicaCount);
  if (value(ctx, 'global', 'defaultPodDisruptionBudget', 'enabled') === true && (replicas > 1 || isTree(gw.k8s.podDisruptionBudget))) {
    objects.push(object('policy/v1', 'PodDisruptionBudget', m(gw.name), { spec: { minAvailable: 1, selector: { matchLabels: labels } } }));
  }
  const ignored = applyK8sSettings(objects, gw.k8s);
  for (const what of ignored) ctx.warnings.push(`components gateway ${gw.name}: ${what} (not applied)`);
  return objects;
}

export function renderGateways(ctx: RenderContext, kind: Kind): KubeObject[] {
  const list = kind === 'ingress' ? ctx.install.components.ingressGateways : ctx.install.components.egressGateways;
  const component: ComponentName = kind === 'ingress' ? 'IngressGateways' : 'EgressGateways';
  return list.filter((g) => g.enabled).flatMap((g) => renderGateway(ctx, g, kind, component));
}
