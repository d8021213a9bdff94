/** istiod's identity and permissions: ServiceAccount, ClusterRoles (istiod, gateway controller, reader), Role. */
import type { KubeObject } from '../../kube/types.js';
import { meta, object, stringMap, tree, type RenderContext } from './context.js';

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
const RBAC = 'rbac.authorization.k8s.io/v1';
const READ = ['get', 'list', 'watch'];
/** The same verbs in the order Istio writes them in some rules (kept so diffs against Istio stay quiet). */
const GWL = ['get', 'watch', 'list'];
const WRITE = ['get', 'watch', 'list', 'update', 'patch', 'create', 'delete'];
const ISTIO_GROUPS = [
  'config.istio.io',
  'security.istio.io',
  'networking.istio.io',
  'authentication.istio.io',
  'rbac.istio.io',
  'telemetry.istio.io',
  'extensions.istio.io',
];
const rule = (apiGroups: string[], resources: string[], verbs: string[]): Rule => ({ apiGroups, resources, verbs });

function istiodRules(): Rule[] {
  return [
    rule(['admissionregistration.k8s.io'], ['mutatingwebhookconfigurations'], ['get', 'list', 'watch', 'update', 'patch']),
    rule(['admissionregistration.k8s.io'], ['validatingwebhookconfigurations'], ['get', 'list', 'watch', 'update']),
    rule(ISTIO_GROUPS, ['*'], GWL),
    rule(['networking.istio.io'], ['workloadentries'], WRITE),
    rule(['networking.istio.io'], ['workloadentries/status', 'serviceentries/status'], WRITE),
    rule(['security.istio.io'], ['authorizationpolicies/status'], WRITE),
    rule([''], ['services/status'], WRITE),
    rule(['apiextensions.k8s.io'], ['customresourcedefinitions'], READ),
    rule([''], ['pods', 'nodes', 'services', 'namespaces', 'endpoints'], READ),
    rule(['discovery.k8s.io'], ['endpointslices'], READ),
    rule(['networking.k8s.io'], ['ingresses', 'ingressclasses'], READ),
    rule(['networking.k8s.io'], ['ingresses/status'], ['*']),
    rule([''], ['configmaps'], ['create', 'get', 'list', 'watch', 'update']),
    rule(['authentication.k8s.io'], ['tokenreviews'], ['create']),
    rule(['authorization.k8s.io'], ['subjectaccessreviews'], ['create']),
    rule(['gateway.networking.k8s.io', 'gateway.networking.x-k8s.io'], ['*'], GWL),
    rule(['gateway.networking.x-k8s.io'], ['xbackendtrafficpolicies/status'], ['update', 'patch']),
    rule(
      ['gateway.networking.k8s.io'],
      [
        'backendtlspolicies/status',
        'gatewayclasses/status',
        'gateways/status',
        'grpcroutes/status',
        'httproutes/status',
        'referencegrants/status',
        'tcproutes/status',
        'tlsroutes/status',
        'udproutes/status',
        'listenersets/status',
      ],
      ['update', 'patch'],
    ),
    rule(['gateway.networking.k8s.io'], ['gatewayclasses'], ['create', 'update', 'patch', 'delete']),
    rule(['inference.networking.k8s.io'], ['inferencepools'], GWL),
    rule(['inference.networking.k8s.io'], ['inferencepools/status'], ['update', 'patch']),
    rule([''], ['secrets'], GWL),
    rule(['multicluster.x-k8s.io'], ['serviceexports'], ['get', 'watch', 'list', 'create', 'delete']),
    rule(['multicluster.x-k8s.io'], ['serviceimports'], GWL),
  ];
}

function gatewayControllerRules(): Rule[] {
  return [
    rule(['apps'], ['deployments'], WRITE),
    rule(['autoscaling'], ['horizontalpodautoscalers'], WRITE),
    rule(['policy'], ['poddisruptionbudgets'], WRITE),
    rule([''], ['services'], WRITE),
    rule([''], ['serviceaccounts'], WRITE),
  ];
}

function readerRules(): Rule[] {
  return [
    rule(ISTIO_GROUPS, ['*'], READ),
    rule([''], ['endpoints', 'pods', 'services', 'nodes', 'replicationcontrollers', 'namespaces', 'secrets', 'configmaps'], READ),
    rule(['networking.istio.io'], ['workloadentries'], GWL),
    rule(['networking.x-k8s.io', 'gateway.networking.k8s.io'], ['gateways'], GWL),
    rule(['apiextensions.k8s.io'], ['customresourcedefinitions'], READ),
    rule(['discovery.k8s.io'], ['endpointslices'], READ),
    rule(['multicluster.x-k8s.io'], ['serviceexports'], ['get', 'list', 'watch', 'create', 'delete']),
    rule(['multicluster.x-k8s.io'], ['serviceimports'], READ),
    rule(['apps'], ['replicasets'], READ),
    rule(['authentication.k8s.io'], ['tokenreviews'], ['create']),
    rule(['authorization.k8s.io'], ['subjectaccessreviews'], ['create']),
  ];
}

function clusterRoleAndBinding(ctx: RenderContext, name: string, app: string, rules: Rule[], subject: string): KubeObject[] {
  const m = () => meta(ctx, 'Pilot', name, { labels: { app }, revision: true });
  return [
    object(RBAC, 'ClusterRole', m(), { rules }),
    object(RBAC, 'ClusterRoleBinding', m(), {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name: subject, namespace: ctx.ns }],
    }),
  ];
}

/** Everything istiod needs to authenticate and act; also the reader role remote clusters' istiods use. */
export function pilotRbac(ctx: RenderContext): KubeObject[] {
  const { ns, suffix, istiod } = ctx;
  const labels = { app: 'istiod' };
  const saAnnotations = stringMap(tree(ctx, 'pilot', 'serviceAccountAnnotations'));
  const roleRules: Rule[] = [
    rule(['networking.istio.io'], ['gateways'], ['create']),
    rule([''], ['secrets'], ['create', 'get', 'watch', 'list', 'update', 'delete']),
    rule([''], ['configmaps'], ['delete']),
    rule(['coordination.k8s.io'], ['leases'], ['get', 'update', 'patch', 'create']),
  ];
  return [
    object('v1', 'ServiceAccount', meta(ctx, 'Pilot', istiod, { namespace: ns, labels, annotations: saAnnotations, revision: true })),
    ...clusterRoleAndBinding(ctx, `istiod-clusterrole${suffix}-${ns}`, 'istiod', istiodRules(), istiod),
    ...clusterRoleAndBinding(ctx, `istiod-gateway-controller${suffix}-${ns}`, 'istiod', gatewayControllerRules(), istiod),
    ...clusterRoleAndBinding(ctx, `istio-reader-clusterrole${suffix}-${ns}`, 'istio-reader', readerRules(), 'istio-reader-service-account'),
    object(RBAC, 'Role', meta(ctx, 'Pilot', istiod, { namespace: ns, labels, revision: true }), { rules: roleRules }),
    object(RBAC, 'RoleBinding', meta(ctx, 'Pilot', istiod, { namespace: ns, labels, revision: true }), {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: istiod },
      subjects: [{ kind: 'ServiceAccount', name: istiod, namespace: ns }],
    }),
  ];
}
