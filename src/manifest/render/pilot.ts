/**
 * istiod: ConfigMaps (mesh config, injector, values), Deployment, Service, HPA, PDB, webhooks and RBAC.
 * Names carry the revision (`istiod-canary`, `istio-canary`, `istio-sidecar-injector-canary`).
 * With `values.istiodRemote.enabled` (remote profile) only what a cluster served by an external istiod needs.
 */
import { emitYaml } from '../../inject/emit.js';
import type { KubeObject } from '../../kube/types.js';
import { isTree, sortKeys, type Tree } from '../merge.js';
import { envFromMap, image, meta, object, stringMap, text, tree, value, type RenderContext } from './context.js';
import { injectorConfigMapData } from './injector.js';
import { pilotRbac } from './pilot-rbac.js';
import { minReplicas } from './k8s.js';
import { networkPolicy } from './network-policy.js';
import { injectionWebhook, revisionTagWebhooks, validationWebhook } from './webhooks.js';

const yamlText = (v: unknown) => emitYaml(sortKeys(v)).trimEnd();

function selectorLabels(ctx: RenderContext): Record<string, string> {
  return ctx.install.revision ? { app: 'istiod', 'istio.io/rev': ctx.install.revision } : { istio: 'pilot' };
}

function configMaps(ctx: RenderContext): KubeObject[] {
  const out: KubeObject[] = [];
  const { install, ns, suffix } = ctx;
  if (value(ctx, 'pilot', 'configMap') !== false) {
    const networks = tree(ctx, 'global', 'meshNetworks');
    out.push(
      object('v1', 'ConfigMap', meta(ctx, 'Pilot', `istio${suffix}`, { namespace: ns, revision: true }), {
        data: { mesh: yamlText(install.meshConfig), meshNetworks: Object.keys(networks).length > 0 ? yamlText({ networks }) : 'networks: {}' },
      }),
    );
  }
  if (value(ctx, 'global', 'omitSidecarInjectorConfigMap') !== true) {
    const data = injectorConfigMapData({ values: install.values, meshConfig: install.meshConfig, revision: install.revision });
    out.push(object('v1', 'ConfigMap', meta(ctx, 'Pilot', `istio-sidecar-injector${suffix}`, { namespace: ns, revision: true }), { data }));
  }
  const extraCa = text(ctx, 'pilot', 'jwksResolverExtraRootCA');
  if (extraCa) {
    out.push(object('v1', 'ConfigMap', meta(ctx, 'Pilot', `pilot-jwks-extra-cacerts${suffix}`, { namespace: ns, revision: true }), { data: { 'extra.pem': extraCa } }));
  }
  // `values.gatewayClasses`: per class the defaults istiod's gateway controller applies to its Gateways.
  for (const [cls, settings] of Object.entries(tree(ctx, 'gatewayClasses'))) {
    const data = Object.fromEntries(Object.entries(isTree(settings) ? settings : {}).map(([k, v]) => [k, yamlText(v)]));
    out.push(
      object('v1', 'ConfigMap', meta(ctx, 'Pilot', `istio-${cls}-gateway-class`, { namespace: ns, labels: { 'gateway.istio.io/defaults-for-class': cls }, revision: true }), {
        data,
      }),
    );
  }
  const spec = isTree(install.operator.spec) ? install.operator.spec : {};
  out.push(
    object(
      'v1',
      'ConfigMap',
      meta(ctx, 'Pilot', `values${suffix}`, {
        namespace: ns,
        revision: true,
        annotations: { 'kubernetes.io/description': 'The values sailctl rendered this control plane with. For debugging and tools; editing it changes nothing.' },
      }),
      { data: { 'merged-values': JSON.stringify(sortKeys(install.values), null, 2), 'original-values': JSON.stringify(sortKeys(spec.values ?? {}), null, 2) } },
    ),
  );
  return out;
}

function discoveryEnv(ctx: RenderContext): Tree[] {
  const pilotEnv = tree(ctx, 'pilot', 'env');
  const field = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } });
  const ztunnelNs = text(ctx, 'pilot', 'trustedZtunnelNamespace') || ctx.ns;
  const ztunnelName = text(ctx, 'pilot', 'trustedZtunnelName') || text(ctx, 'ztunnel', 'resourceName') || 'ztunnel';
  const limits = tree(ctx, 'pilot', 'resources', 'limits');
  const env: Tree[] = [
    { name: 'REVISION', value: ctx.revLabel },
    { name: 'PILOT_CERT_PROVIDER', value: text(ctx, 'global', 'pilotCertProvider') },
    field('POD_NAME', 'metadata.name'),
    field('POD_NAMESPACE', 'metadata.namespace'),
    field('SERVICE_ACCOUNT', 'spec.serviceAccountName'),
    { name: 'KUBECONFIG', value: '/var/run/secrets/remote/config' },
    { name: 'CA_TRUSTED_NODE_ACCOUNTS', value: `${ztunnelNs}/${ztunnelName}` },
    ...envFromMap(pilotEnv),
    ...(Array.isArray(value(ctx, 'pilot', 'envVarFrom')) ? (value(ctx, 'pilot', 'envVarFrom') as Tree[]) : []),
  ];
  if (!('PILOT_TRACE_SAMPLING' in pilotEnv)) env.push({ name: 'PILOT_TRACE_SAMPLING', value: String(value(ctx, 'pilot', 'traceSampling') ?? 1) });
  env.push(
    { name: 'PILOT_ENABLE_ANALYSIS', value: String(value(ctx, 'global', 'istiod', 'enableAnalysis') === true) },
    { name: 'CLUSTER_ID', value: text(ctx, 'global', 'multiCluster', 'clusterName') || 'Kubernetes' },
  );
  if (limits.memory !== undefined) env.push({ name: 'GOMEMLIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1' } } });
  env.push(
    { name: 'GOMAXPROCS', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1' } } },
    { name: 'PLATFORM', value: text(ctx, 'global', 'platform') },
  );
  if (value(ctx, 'global', 'externalIstiod') === true) env.push({ name: 'EXTERNAL_ISTIOD', value: 'true' });
  return env;
}

function deployment(ctx: RenderContext): KubeObject {
  const { ns, istiod, install } = ctx;
  const pilot = tree(ctx, 'pilot');
  const settings = install.settings.pilot;
  const labels = { app: 'istiod', istio: 'pilot', ...stringMap(pilot.deploymentLabels) };
  const podLabels = {
    app: 'istiod',
    istio: 'pilot',
    'istio.io/rev': ctx.revLabel,
    'istio.io/dataplane-mode': 'none',
    'sidecar.istio.io/inject': 'false',
    'operator.istio.io/component': 'Pilot',
    ...stringMap(pilot.podLabels),
  };
  const args = [
    'discovery',
    '--monitoringAddr=:15014',
    `--log_output_level=${text(ctx, 'global', 'logging', 'level') || 'default:info'}`,
    ...(value(ctx, 'global', 'logAsJson') === true ? ['--log_as_json'] : []),
    '--domain',
    text(ctx, 'global', 'proxy', 'clusterDomain') || 'cluster.local',
    '--keepaliveMaxServerConnectionAge',
    text(ctx, 'pilot', 'keepaliveMaxServerConnectionAge') || '30m',
    ...((Array.isArray(pilot.extraContainerArgs) ? pilot.extraContainerArgs : []) as string[]),
  ];
  const mount = (name: string, mountPath: string, readOnly = true) => ({ name, mountPath, ...(readOnly ? { readOnly } : {}) });
  const secretVolume = (name: string, secretName: string) => ({ name, secret: { secretName, optional: true } });
  const container = {
    name: 'discovery',
    image: image(ctx, text(ctx, 'pilot', 'image') || 'pilot', { hub: settings.hub ?? pilot.hub, tag: settings.tag ?? pilot.tag, variant: pilot.variant }),
    ...(text(ctx, 'global', 'imagePullPolicy') ? { imagePullPolicy: text(ctx, 'global', 'imagePullPolicy') } : {}),
    args,
    env: discoveryEnv(ctx),
    ports: [
      { containerPort: 8080, name: 'http-debug', protocol: 'TCP' },
      { containerPort: 15010, name: 'grpc-xds', protocol: 'TCP' },
      { containerPort: 15012, name: 'tls-xds', protocol: 'TCP' },
      { containerPort: 15017, name: 'https-webhooks', protocol: 'TCP' },
      { containerPort: 15014, name: 'http-monitoring', protocol: 'TCP' },
    ],
    readinessProbe: { httpGet: { path: '/ready', port: 8080 }, initialDelaySeconds: 1, periodSeconds: 3, timeoutSeconds: 5 },
    resources: pilot.resources ?? {},
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true },
    volumeMounts: [
      mount('istio-token', '/var/run/secrets/tokens'),
      mount('local-certs', '/var/run/secrets/istio-dns', false),
      mount('cacerts', '/etc/cacerts'),
      mount('istio-kubeconfig', '/var/run/secrets/remote'),
      mount('istio-csr-dns-cert', '/var/run/secrets/istiod/tls'),
      mount('istio-csr-ca-configmap', '/var/run/secrets/istiod/ca'),
      ...(text(ctx, 'pilot', 'jwksResolverExtraRootCA') ? [mount('extracacerts', '/cacerts')] : []),
      ...((Array.isArray(pilot.volumeMounts) ? pilot.volumeMounts : []) as Tree[]),
    ],
  };
  const aud = text(ctx, 'global', 'sds', 'token', 'aud') || 'istio-ca';
  const podSpec: Tree = {
    serviceAccountName: istiod,
    ...(text(ctx, 'pilot', 'priorityClassName') || text(ctx, 'global', 'priorityClassName')
      ? { priorityClassName: text(ctx, 'pilot', 'priorityClassName') || text(ctx, 'global', 'priorityClassName') }
      : {}),
    containers: [container],
    tolerations: [{ key: 'cni.istio.io/not-ready', operator: 'Exists' }, ...((pilot.tolerations as Tree[] | undefined) ?? [])],
    ...(isTree(pilot.nodeSelector) && Object.keys(pilot.nodeSelector).length > 0 ? { nodeSelector: pilot.nodeSelector } : {}),
    ...(isTree(pilot.affinity) && Object.keys(pilot.affinity).length > 0 ? { affinity: pilot.affinity } : {}),
    volumes: [
      { name: 'local-certs', emptyDir: { medium: 'Memory' } },
      { name: 'istio-token', projected: { sources: [{ serviceAccountToken: { audience: aud, expirationSeconds: 43200, path: 'istio-token' } }] } },
      secretVolume('cacerts', 'cacerts'),
      secretVolume('istio-kubeconfig', 'istio-kubeconfig'),
      secretVolume('istio-csr-dns-cert', 'istiod-tls'),
      { name: 'istio-csr-ca-configmap', configMap: { name: 'istio-ca-root-cert', defaultMode: 420, optional: true } },
      ...(text(ctx, 'pilot', 'jwksResolverExtraRootCA') ? [{ name: 'extracacerts', configMap: { name: `pilot-jwks-extra-cacerts${ctx.suffix}` } }] : []),
      ...((Array.isArray(pilot.volumes) ? pilot.volumes : []) as Tree[]),
    ],
  };
  const autoscale = pilot.autoscaleEnabled === true;
  return object('apps/v1', 'Deployment', meta(ctx, 'Pilot', istiod, { namespace: ns, labels, annotations: stringMap(pilot.deploymentAnnotations), revision: true }), {
    spec: {
      ...(!autoscale ? { replicas: Number(pilot.replicaCount ?? 1) } : {}),
      strategy: { rollingUpdate: { maxSurge: pilot.rollingMaxSurge ?? '100%', maxUnavailable: pilot.rollingMaxUnavailable ?? '25%' } },
      selector: { matchLabels: selectorLabels(ctx) },
      template: {
        metadata: {
          labels: podLabels,
          annotations: {
            'prometheus.io/port': '15014',
            'prometheus.io/scrape': 'true',
            'sidecar.istio.io/inject': 'false',
            ...stringMap(pilot.podAnnotations),
          },
        },
        spec: podSpec,
      },
    },
  });
}

function service(ctx: RenderContext): KubeObject {
  const pilot = tree(ctx, 'pilot');
  return object(
    'v1',
    'Service',
    meta(ctx, 'Pilot', ctx.istiod, { namespace: ctx.ns, labels: { app: 'istiod', istio: 'pilot' }, annotations: stringMap(pilot.serviceAnnotations), revision: true }),
    {
      spec: {
        ports: [
          { name: 'grpc-xds', port: 15010, protocol: 'TCP' },
          { name: 'https-dns', port: 15012, protocol: 'TCP' },
          { name: 'https-webhook', port: 443, protocol: 'TCP', targetPort: 15017 },
          { name: 'http-monitoring', port: 15014, protocol: 'TCP' },
        ],
        selector: { app: 'istiod', ...(ctx.install.revision ? { 'istio.io/rev': ctx.install.revision } : { istio: 'pilot' }) },
        ...(Array.isArray(pilot.ipFamilies) && pilot.ipFamilies.length > 0 ? { ipFamilies: pilot.ipFamilies } : {}),
        ...(text(ctx, 'pilot', 'ipFamilyPolicy') ? { ipFamilyPolicy: text(ctx, 'pilot', 'ipFamilyPolicy') } : {}),
      },
    },
  );
}

function scaling(ctx: RenderContext): KubeObject[] {
  const pilot = tree(ctx, 'pilot');
  const out: KubeObject[] = [];
  const autoscale = pilot.autoscaleEnabled === true && Number(pilot.autoscaleMin) > 0 && Number(pilot.autoscaleMax) > 0;
  if (autoscale) {
    const metrics: Tree[] = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: Number(tree(ctx, 'pilot', 'cpu').targetAverageUtilization ?? 80) } } }];
    const memory = tree(ctx, 'pilot', 'memory').targetAverageUtilization;
    if (memory !== undefined) metrics.push({ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: Number(memory) } } });
    const behavior = tree(ctx, 'pilot', 'autoscaleBehavior');
    out.push(
      object('autoscaling/v2', 'HorizontalPodAutoscaler', meta(ctx, 'Pilot', ctx.istiod, { namespace: ctx.ns, labels: { app: 'istiod' }, revision: true }), {
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: ctx.istiod },
          minReplicas: Number(pilot.autoscaleMin),
          maxReplicas: Number(pilot.autoscaleMax),
          metrics,
          ...(Object.keys(behavior).length > 0 ? { behavior } : {}),
        },
      }),
    );
  }
  // As Istio: a PDB only when more than one replica can run, so a single istiod never blocks node drains (or
  // when the component asks for one in k8s). One bound: maxUnavailable when set, else minAvailable.
  const k8s = ctx.install.settings.pilot.k8s;
  const replicas = minReplicas(k8s, autoscale, pilot.autoscaleMin, k8s.replicaCount ?? pilot.replicaCount);
  if (value(ctx, 'global', 'defaultPodDisruptionBudget', 'enabled') === true && (replicas > 1 || isTree(k8s.podDisruptionBudget))) {
    const pdb = tree(ctx, 'pilot', 'pdb');
    const bound = pdb.maxUnavailable !== undefined && pdb.maxUnavailable !== '' ? { maxUnavailable: pdb.maxUnavailable } : pdb.minAvailable ? { minAvailable: pdb.minAvailable } : {};
    out.push(
      object('policy/v1', 'PodDisruptionBudget', meta(ctx, 'Pilot', ctx.istiod, { namespace: ctx.ns, labels: { app: 'istiod', istio: 'pilot' }, revision: true }), {
        spec: {
          ...bound,
          ...(text(ctx, 'pilot', 'pdb', 'unhealthyPodEvictionPolicy') ? { unhealthyPodEvictionPolicy: pdb.unhealthyPodEvictionPolicy } : {}),
          selector: { matchLabels: { app: 'istiod', ...selectorLabels(ctx) } },
        },
      }),
    );
  }
  return out;
}

/** A selector-less Service and Endpoints pointing at an external istiod by IP (remote profile). */
function remoteService(ctx: RenderContext): KubeObject[] {
  const address = text(ctx, 'global', 'remotePilotAddress');
  if (!/^[\d.:a-fA-F]+$/.test(address) || !address.includes('.') && !address.includes(':')) return [];
  const ports = [
    { name: 'grpc-xds', port: 15010 },
    { name: 'tls-xds', port: 15012 },
    { name: 'tls-webhook', port: 15017 },
    { name: 'http-monitoring', port: 15014 },
  ];
  const m = () => meta(ctx, 'Pilot', ctx.istiod, { namespace: ctx.ns, labels: { app: 'istiod', istio: 'pilot' }, revision: true });
  return [
    object('v1', 'Service', m(), { spec: { ports: ports.map((p) => ({ ...p, protocol: 'TCP' })), clusterIP: 'None' } }),
    object('v1', 'Endpoints', m(), { subsets: [{ addresses: [{ ip: address }], ports: ports.map((p) => ({ ...p, protocol: 'TCP' })) }] }),
  ];
}

export function renderPilot(base: RenderContext): KubeObject[] {
  // istiod's chart is rendered into components.pilot.namespace (its Helm release namespace).
  const ctx: RenderContext = { ...base, ns: base.install.settings.pilot.namespace };
  const remote = value(ctx, 'istiodRemote', 'enabled') === true;
  const validation = value(ctx, 'global', 'configValidation') === true;
  if (remote) {
    return [
      ...pilotRbac(ctx),
      ...configMaps(ctx),
      ...remoteService(ctx),
      injectionWebhook(ctx),
      ...revisionTagWebhooks(ctx),
      ...(validation && text(ctx, 'global', 'remotePilotAddress') ? [validationWebhook(ctx)] : []),
    ];
  }
  return [
    ...pilotRbac(ctx),
    ...configMaps(ctx),
    deployment(ctx),
    service(ctx),
    ...scaling(ctx),
    ...(value(ctx, 'global', 'networkPolicy', 'enabled') === true
      ? [networkPolicy(meta(ctx, 'Pilot', ctx.istiod, { namespace: ctx.ns, labels: { app: 'istiod' }, revision: true }), { app: 'istiod', ...selectorLabels(ctx) }, [15010, 15012, 15014, 15017, 8080])]
      : []),
    injectionWebhook(ctx),
    ...revisionTagWebhooks(ctx),
    ...(validation ? [validationWebhook(ctx)] : []),
  ];
}

