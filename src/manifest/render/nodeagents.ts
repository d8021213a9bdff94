/**
 * The per-node agents of ambient mode: the CNI node agent (`istio-cni-node`, sets up pod networking and, in
 * ambient, redirection into ztunnel) and ztunnel (the node proxy). Each is a DaemonSet with its identity and RBAC.
 */
import type { KubeObject } from '../../kube/types.js';
import { isTree, type Tree } from '../merge.js';
import { envFromMap, image, meta, object, stringMap, text, tree, value, type RenderContext } from './context.js';
import { applyK8sSettings } from './k8s.js';
import { networkPolicy } from './network-policy.js';

const RBAC = 'rbac.authorization.k8s.io/v1';
const NODE_TOLERATIONS = [
  { effect: 'NoSchedule', operator: 'Exists' },
  { key: 'CriticalAddonsOnly', operator: 'Exists' },
  { effect: 'NoExecute', operator: 'Exists' },
];
const field = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { fieldPath } } });
const resourceEnv = (name: string, resource: string) => ({ name, valueFrom: { resourceFieldRef: { divisor: '1', resource } } });
const hostPath = (name: string, path: string, type?: string) => ({ name, hostPath: { path, ...(type ? { type } : {}) } });

export function renderCni(ctx: RenderContext): KubeObject[] {
  const cni = tree(ctx, 'cni');
  const ns = ctx.install.settings.cni.namespace;
  const ambient = value(ctx, 'cni', 'ambient', 'enabled') === true;
  const hostNetwork = ambient && value(ctx, 'cni', 'ambient', 'shareHostNetworkNamespace') === true;
  const labels = { 'k8s-app': 'istio-cni-node' };
  const m = (name: string, namespaced = true) => meta(ctx, 'Cni', name, { ...(namespaced ? { namespace: ns } : {}), labels });
  const binding = (name: string, role: string) =>
    object(RBAC, 'ClusterRoleBinding', m(name, false), {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ kind: 'ServiceAccount', name: 'istio-cni', namespace: ns }],
    });
  const rules: Tree[] = [{ apiGroups: [''], resources: ['pods', 'nodes', 'namespaces'], verbs: ['get', 'list', 'watch'] }];
  // In ambient mode the agent also reports pod enrollment and reads its own DaemonSet: a role of its own.
  const ambientRules: Tree[] = [
    { apiGroups: [''], resources: ['pods/status'], verbs: ['patch', 'update'] },
    { apiGroups: ['apps'], resources: ['daemonsets'], resourceNames: ['istio-cni-node'], verbs: ['get'] },
  ];
  const repair = tree(ctx, 'cni', 'repair');
  const config: Record<string, string> = {
    CURRENT_AGENT_VERSION: ctx.install.tag,
    AMBIENT_ENABLED: String(ambient),
    AMBIENT_DNS_CAPTURE: String(value(ctx, 'cni', 'ambient', 'dnsCapture') !== false),
    AMBIENT_IPV6: String(value(ctx, 'cni', 'ambient', 'ipv6') !== false),
    AMBIENT_RECONCILE_POD_RULES_ON_STARTUP: String(value(ctx, 'cni', 'ambient', 'reconcileIptablesOnStartup') === true),
    CHAINED_CNI_PLUGIN: String(cni.chained !== false),
    EXCLUDE_NAMESPACES: ((cni.excludeNamespaces as string[] | undefined) ?? []).join(','),
    REPAIR_ENABLED: String(repair.enabled !== false),
    REPAIR_LABEL_PODS: String(repair.labelPods === true),
    REPAIR_DELETE_PODS: String(repair.deletePods === true),
    REPAIR_REPAIR_PODS: String(repair.repairPods !== false),
    NATIVE_NFTABLES: String(value(ctx, 'global', 'nativeNftables') === true),
  };
  const daemonSet = object('apps/v1', 'DaemonSet', m('istio-cni-node'), {
    spec: {
      selector: { matchLabels: labels },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: cni.rollingMaxUnavailable ?? 1 } },
      template: {
        metadata: {
          labels: { ...labels, 'sidecar.istio.io/inject': 'false', 'istio.io/dataplane-mode': 'none', ...stringMap(cni.podLabels) },
          annotations: {
            'container.apparmor.security.beta.kubernetes.io/install-cni': 'unconfined',
            'sidecar.istio.io/inject': 'false',
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': '15014',
            'prometheus.io/path': '/metrics',
            ...stringMap(cni.podAnnotations),
          },
        },
        spec: {
          // The agent enters the host's network namespace itself, unless ambient shares it with the pod.
          ...(hostNetwork ? { hostNetwork: true } : {}),
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          serviceAccountName: 'istio-cni',
          priorityClassName: text(ctx, 'cni', 'priorityClassName') || 'system-node-critical',
          tolerations: NODE_TOLERATIONS,
          terminationGracePeriodSeconds: 30,
          containers: [
            {
              name: 'install-cni',
              image: image(ctx, text(ctx, 'cni', 'image') || 'install-cni', { hub: ctx.install.settings.cni.hub ?? cni.hub, tag: ctx.install.settings.cni.tag ?? cni.tag, variant: cni.variant }),
              command: ['install-cni'],
              args: [`--log_output_level=${text(ctx, 'cni', 'logging', 'level') || 'info'}`],
              envFrom: [{ configMapRef: { name: 'istio-cni-config' } }],
              env: [
                field('REPAIR_NODE_NAME', 'spec.nodeName'),
                { name: 'REPAIR_RUN_AS_DAEMON', value: 'true' },
                { name: 'REPAIR_SIDECAR_ANNOTATION', value: 'sidecar.istio.io/status' },
                ...(hostNetwork ? [] : [{ name: 'ALLOW_SWITCH_TO_HOST_NS', value: 'true' }]),
                { name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
                resourceEnv('GOMEMLIMIT', 'limits.memory'),
                resourceEnv('GOMAXPROCS', 'limits.cpu'),
                field('POD_NAME', 'metadata.name'),
                field('POD_NAMESPACE', 'metadata.namespace'),
                ...envFromMap(tree(ctx, 'cni', 'env')),
              ],
              ports: [{ containerPort: 15014, name: 'metrics', protocol: 'TCP' }],
              readinessProbe: { httpGet: { path: '/readyz', port: 8000 } },
              resources: cni.resources ?? {},
              securityContext: {
                privileged: cni.privileged === true,
                runAsGroup: 0,
                runAsUser: 0,
                runAsNonRoot: false,
                capabilities: { drop: ['ALL'], add: ['NET_ADMIN', 'NET_RAW', 'SYS_PTRACE', 'SYS_ADMIN', 'DAC_OVERRIDE'] },
              },
              volumeMounts: [
                { mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' },
                { mountPath: '/host/proc', name: 'cni-host-procfs', readOnly: true },
                ...(ambient ? [{ mountPath: '/var/run/ztunnel', name: 'cni-ztunnel-sock-dir' }] : []),
                { mountPath: '/host/etc/cni/net.d', name: 'cni-net-dir' },
                { mountPath: '/var/run/istio-cni', name: 'cni-socket-dir' },
                ...(ambient ? [{ mountPath: '/host/var/run/netns', mountPropagation: 'HostToContainer', name: 'cni-netns-dir' }] : []),
              ],
            },
          ],
          volumes: [
            hostPath('cni-bin-dir', text(ctx, 'cni', 'cniBinDir') || '/opt/cni/bin'),
            hostPath('cni-host-procfs', '/proc', 'Directory'),
            ...(ambient ? [hostPath('cni-ztunnel-sock-dir', '/var/run/ztunnel', 'DirectoryOrCreate')] : []),
            hostPath('cni-net-dir', text(ctx, 'cni', 'cniConfDir') || '/etc/cni/net.d'),
            hostPath('cni-socket-dir', '/var/run/istio-cni'),
            hostPath('cni-netns-dir', text(ctx, 'cni', 'cniNetnsDir') || '/var/run/netns', 'DirectoryOrCreate'),
          ],
        },
      },
    },
  });
  const objects = [
    object('v1', 'ServiceAccount', m('istio-cni')),
    object(RBAC, 'ClusterRole', m('istio-cni', false), { rules }),
    object(RBAC, 'ClusterRole', m('istio-cni-repair-role', false), {
      rules: [
        { apiGroups: [''], resources: ['pods'], verbs: ['watch', 'get', 'list', ...(repair.deletePods === true ? ['delete'] : []), ...(repair.labelPods === true ? ['patch', 'update'] : [])] },
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      ],
    }),
    binding('istio-cni', 'istio-cni'),
    binding('istio-cni-repair-rolebinding', 'istio-cni-repair-role'),
    ...(ambient ? [object(RBAC, 'ClusterRole', m('istio-cni-ambient', false), { rules: ambientRules }), binding('istio-cni-ambient', 'istio-cni-ambient')] : []),
    object('v1', 'ConfigMap', m('istio-cni-config'), { data: config }),
    daemonSet,
  ];
  if (value(ctx, 'global', 'networkPolicy', 'enabled') === true) objects.push(networkPolicy(m('istio-cni-node'), labels, [15014, 8000]));
  for (const what of applyK8sSettings(objects, ctx.install.settings.cni.k8s)) ctx.warnings.push(`components.cni: ${what} (not applied)`);
  return objects;
}

export function renderZtunnel(ctx: RenderContext): KubeObject[] {
  const z = tree(ctx, 'ztunnel');
  const ns = ctx.install.settings.ztunnel.namespace;
  const name = text(ctx, 'ztunnel', 'resourceName') || 'ztunnel';
  const labels = { app: 'ztunnel' };
  const m = (n: string) => meta(ctx, 'Ztunnel', n, { namespace: ns, labels: { ...labels, ...stringMap(z.labels) } });
  const xds = text(ctx, 'ztunnel', 'xdsAddress') || `${ctx.istiod}.${ctx.ns}.svc:15012`;
  const aud = text(ctx, 'global', 'sds', 'token', 'aud') || 'istio-ca';
  const daemonSet = object('apps/v1', 'DaemonSet', m(name), {
    spec: {
      selector: { matchLabels: labels },
      updateStrategy: isTree(z.updateStrategy) ? z.updateStrategy : { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: {
          labels: { ...labels, 'sidecar.istio.io/inject': 'false', 'istio.io/dataplane-mode': 'none', ...stringMap(z.podLabels) },
          annotations: { 'sidecar.istio.io/inject': 'false', 'prometheus.io/scrape': 'true', 'prometheus.io/port': '15020', ...stringMap(z.podAnnotations) },
        },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          serviceAccountName: name,
          priorityClassName: text(ctx, 'ztunnel', 'priorityClassName') || 'system-node-critical',
          tolerations: NODE_TOLERATIONS,
          terminationGracePeriodSeconds: Number(z.terminationGracePeriodSeconds ?? 30),
          containers: [
            {
              name: 'istio-proxy',
              image: image(ctx, text(ctx, 'ztunnel', 'image') || 'ztunnel', { hub: ctx.install.settings.ztunnel.hub ?? z.hub, tag: ctx.install.settings.ztunnel.tag ?? z.tag, variant: z.variant }),
              args: ['proxy', 'ztunnel'],
              env: [
                { name: 'CA_ADDRESS', value: text(ctx, 'ztunnel', 'caAddress') || text(ctx, 'global', 'caAddress') || xds },
                { name: 'XDS_ADDRESS', value: xds },
                { name: 'RUST_LOG', value: text(ctx, 'ztunnel', 'logLevel') || 'info' },
                { name: 'RUST_BACKTRACE', value: '1' },
                { name: 'ISTIO_META_CLUSTER_ID', value: text(ctx, 'global', 'multiCluster', 'clusterName') || 'Kubernetes' },
                { name: 'INPOD_ENABLED', value: 'true' },
                { name: 'TERMINATION_GRACE_PERIOD_SECONDS', value: String(z.terminationGracePeriodSeconds ?? 30) },
                field('POD_NAME', 'metadata.name'),
                field('POD_NAMESPACE', 'metadata.namespace'),
                field('NODE_NAME', 'spec.nodeName'),
                field('INSTANCE_IP', 'status.podIP'),
                field('SERVICE_ACCOUNT', 'spec.serviceAccountName'),
                { name: 'ISTIO_META_ENABLE_HBONE', value: 'true' },
                resourceEnv('ZTUNNEL_CPU_LIMIT', 'limits.cpu'),
                ...(value(ctx, 'ztunnel', 'logAsJson') === true ? [{ name: 'LOG_FORMAT', value: 'json' }] : []),
                ...envFromMap(tree(ctx, 'ztunnel', 'env')),
              ],
              ports: [{ containerPort: 15020, name: 'ztunnel-stats', protocol: 'TCP' }],
              readinessProbe: { httpGet: { path: '/healthz/ready', port: 15021 } },
              resources: z.resources ?? {},
              securityContext: {
                allowPrivilegeEscalation: true,
                privileged: false,
                readOnlyRootFilesystem: true,
                runAsGroup: 1337,
                runAsNonRoot: false,
                runAsUser: 0,
                capabilities: { drop: ['ALL'], add: ['NET_ADMIN', 'SYS_ADMIN', 'NET_RAW'] },
              },
              volumeMounts: [
                { mountPath: '/var/run/secrets/istio', name: 'istiod-ca-cert' },
                { mountPath: '/var/run/secrets/tokens', name: 'istio-token' },
                { mountPath: '/var/run/ztunnel', name: 'cni-ztunnel-sock-dir' },
                { mountPath: '/tmp', name: 'tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'istio-token', projected: { sources: [{ serviceAccountToken: { path: 'istio-token', expirationSeconds: 43200, audience: aud } }] } },
            { name: 'istiod-ca-cert', configMap: { name: 'istio-ca-root-cert' } },
            hostPath('cni-ztunnel-sock-dir', '/var/run/ztunnel', 'DirectoryOrCreate'),
            { name: 'tmp', emptyDir: {} },
          ],
        },
      },
    },
  });
  const objects = [object('v1', 'ServiceAccount', m(name)), daemonSet];
  if (value(ctx, 'global', 'networkPolicy', 'enabled') === true) objects.push(networkPolicy(m(name), labels, [15020, 15021]));
  for (const what of applyK8sSettings(objects, ctx.install.settings.ztunnel.k8s)) ctx.warnings.push(`components.ztunnel: ${what} (not applied)`);
  return objects;
}
