/**
 * What Istio's charts render for IstioOperator fields beyond the profiles (facts about istioctl's behaviour,
 * written here with our own inputs): component namespaces, gateways enabled through values, PDBs, network
 * policies, k8s settings as strategic merge patches, and the inputs istioctl refuses.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.js';
import { render } from './render.js';
import { strategicMerge } from './render/k8s.js';
import { resolveInstall, type InstallInput } from './values.js';

type Obj = KubeObject & Record<string, any>;
const iop = (spec: string) => `apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n${spec}`;
const rendered = (input: InstallInput, namespaces = true) => render(resolveInstall(input), { namespaces }).objects.map((o) => o.object as Obj);
const fromFile = (spec: string, set: string[] = []) => rendered({ overlays: [{ source: 'iop.yaml', text: iop(spec) }], set });
const find = (list: Obj[], kind: string, name: string, namespace?: string): Obj => {
  const o = list.find((x) => x.kind === kind && x.metadata.name === name && (namespace === undefined || x.metadata.namespace === namespace));
  if (!o) throw new Error(`${kind}/${name} not rendered: ${list.map((x) => `${x.kind}/${x.metadata.namespace}/${x.metadata.name}`).join(' ')}`);
  return o;
};
const envNames = (o: Obj) => (o.spec.template.spec.containers[0].env as Array<{ name: string }>).map((e) => e.name);

describe('components.pilot.namespace', () => {
  const list = fromFile('  profile: empty\n  components:\n    pilot:\n      enabled: true\n      namespace: istio-control\n');

  it('puts istiod and its objects in that namespace, and points its webhooks and mesh config there', () => {
    for (const kind of ['Deployment', 'Service', 'ServiceAccount', 'ConfigMap', 'HorizontalPodAutoscaler']) {
      expect(list.filter((o) => o.kind === kind).every((o) => o.metadata.namespace === 'istio-control'), kind).toBe(true);
    }
    const injector = find(list, 'MutatingWebhookConfiguration', 'istio-sidecar-injector-istio-control');
    expect(injector.webhooks[0].clientConfig.service).toMatchObject({ name: 'istiod', namespace: 'istio-control' });
    find(list, 'ValidatingWebhookConfiguration', 'istio-validator-istio-control');
    const mesh = find(list, 'ConfigMap', 'istio').data.mesh as string;
    expect(mesh).toContain('discoveryAddress: istiod.istio-control.svc:15012');
    expect(mesh).toContain('rootNamespace: istio-control');
    const env = find(list, 'Deployment', 'istiod').spec.template.spec.containers[0].env as Array<{ name: string; value?: string }>;
    expect(env.find((e) => e.name === 'CA_TRUSTED_NODE_ACCOUNTS')?.value).toBe('istio-control/ztunnel');
  });

  it('keeps the injector webhook name plain in istio-system', () => {
    find(fromFile('  profile: minimal\n'), 'MutatingWebhookConfiguration', 'istio-sidecar-injector');
  });
});

describe('Namespace objects', () => {
  it('are rendered for install but not by manifest generate (as istioctl)', () => {
    expect(rendered({ profile: 'minimal' }).some((o) => o.kind === 'Namespace')).toBe(true);
    expect(rendered({ profile: 'minimal' }, false).some((o) => o.kind === 'Namespace')).toBe(false);
  });
});

describe('gateways', () => {
  it.each([
    ['a file', () => fromFile('  profile: empty\n  values:\n    gateways:\n      istio-egressgateway:\n        enabled: true\n')],
    ['--set', () => rendered({ set: ['values.gateways.istio-egressgateway.enabled=true'] })],
  ])('values.gateways.istio-egressgateway.enabled=true from %s enables the egress gateway', (_how, get) => {
    const list = get();
    const svc = find(list, 'Service', 'istio-egressgateway', 'istio-system');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.ports.map((p: { port: number }) => p.port)).toEqual([80, 443]);
    find(list, 'Deployment', 'istio-egressgateway');
  });

  it('values.gateways.istio-ingressgateway.enabled=true enables ingress on the empty profile', () => {
    find(fromFile('  profile: empty\n  values:\n    gateways:\n      istio-ingressgateway:\n        enabled: true\n'), 'Deployment', 'istio-ingressgateway');
  });

  it('a second ingress gateway takes the istio-ingressgateway values and chart labels, its own name', () => {
    const list = fromFile(
      '  components:\n    ingressGateways:\n    - name: istio-ingressgateway\n      enabled: true\n    - name: custom-gw\n      enabled: true\n  values:\n    gateways:\n      istio-ingressgateway:\n        type: NodePort\n',
    );
    const svc = find(list, 'Service', 'custom-gw');
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.selector).toEqual({ app: 'istio-ingressgateway', istio: 'ingressgateway' });
    expect(find(list, 'Deployment', 'custom-gw').spec.template.spec.serviceAccountName).toBe('custom-gw-service-account');
  });

  it('k8s settings merge into the chart: pod securityContext keeps its user, gains the sysctl', () => {
    const list = fromFile(
      '  components:\n    ingressGateways:\n    - name: istio-ingressgateway\n      enabled: true\n      k8s:\n        securityContext:\n          sysctls:\n          - name: net.ipv4.ip_local_port_range\n            value: "80 65535"\n',
    );
    expect(find(list, 'Deployment', 'istio-ingressgateway').spec.template.spec.securityContext).toEqual({
      runAsUser: 1337,
      runAsGroup: 1337,
      runAsNonRoot: true,
      sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '80 65535' }],
    });
  });

  it('k8s.podDisruptionBudget and hpaSpec.minReplicas>1 render the gateway PDB with the bound asked for', () => {
    const list = fromFile(
      '  profile: empty\n  components:\n    ingressGateways:\n    - name: istio-ingressgateway\n      enabled: true\n      k8s:\n        hpaSpec:\n          minReplicas: 2\n        podDisruptionBudget:\n          maxUnavailable: 1\n',
    );
    expect(find(list, 'PodDisruptionBudget', 'istio-ingressgateway').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: 'istio-ingressgateway', istio: 'ingressgateway' } } });
    expect(find(list, 'HorizontalPodAutoscaler', 'istio-ingressgateway').spec).toMatchObject({ minReplicas: 2, maxReplicas: 5 });
    expect(fromFile('  profile: empty\n  components:\n    ingressGateways:\n    - name: istio-ingressgateway\n      enabled: true\n').some((o) => o.kind === 'PodDisruptionBudget')).toBe(false);
  });
});

describe('istiod', () => {
  it('PDB: maxUnavailable replaces minAvailable, selector has app: istiod', () => {
    const list = fromFile('  profile: empty\n  components:\n    pilot:\n      enabled: true\n      k8s:\n        hpaSpec:\n          minReplicas: 2\n        podDisruptionBudget:\n          maxUnavailable: 1\n');
    expect(find(list, 'PodDisruptionBudget', 'istiod').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: 'istiod', istio: 'pilot' } } });
    const canary = rendered({ profile: 'minimal', revision: 'canary', set: ['values.pilot.autoscaleMin=3'] });
    expect(find(canary, 'PodDisruptionBudget', 'istiod-canary').spec).toEqual({ minAvailable: 1, selector: { matchLabels: { app: 'istiod', 'istio.io/rev': 'canary' } } });
  });

  it('values.pilot.envVarFrom entries follow the env map', () => {
    const list = fromFile(
      '  profile: minimal\n  values:\n    pilot:\n      env:\n        A: "1"\n      envVarFrom:\n      - name: FROM_CM\n        valueFrom:\n          configMapKeyRef:\n            name: cm\n            key: k\n',
    );
    const env = find(list, 'Deployment', 'istiod').spec.template.spec.containers[0].env as Array<{ name: string; valueFrom?: unknown }>;
    const names = env.map((e) => e.name);
    expect(names.indexOf('FROM_CM')).toBe(names.indexOf('A') + 1);
    expect(env.find((e) => e.name === 'FROM_CM')?.valueFrom).toEqual({ configMapKeyRef: { name: 'cm', key: 'k' } });
  });

  it('k8s.env merges by name: a known variable is replaced in place, a new one appended', () => {
    const list = fromFile('  profile: minimal\n  components:\n    pilot:\n      k8s:\n        env:\n        - name: PILOT_TRACE_SAMPLING\n          value: "5"\n        - name: NEW_VAR\n          value: x\n');
    const d = find(list, 'Deployment', 'istiod');
    const names = envNames(d);
    expect(names.at(-1)).toBe('NEW_VAR');
    expect(names.filter((n) => n === 'PILOT_TRACE_SAMPLING')).toHaveLength(1);
  });
});

describe('values.global.networkPolicy.enabled', () => {
  it('renders a NetworkPolicy for istiod, the CNI agent and ztunnel (not the legacy gateway charts)', () => {
    const list = rendered({ profile: 'ambient', set: ['values.global.networkPolicy.enabled=true', 'components.ingressGateways[0].enabled=true'] });
    const policies = list.filter((o) => o.kind === 'NetworkPolicy').map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(policies.sort()).toEqual(['istio-system/istio-cni-node', 'istio-system/istiod', 'istio-system/ztunnel']);
    expect(find(list, 'NetworkPolicy', 'istiod').spec.podSelector).toEqual({ matchLabels: { app: 'istiod', istio: 'pilot' } });
    expect(rendered({ profile: 'ambient' }).some((o) => o.kind === 'NetworkPolicy')).toBe(false);
  });
});

describe('CNI and ztunnel', () => {
  it('install-cni switches into the host network namespace itself and bounds Go by its limits', () => {
    const d = find(rendered({ set: ['components.cni.enabled=true'] }), 'DaemonSet', 'istio-cni-node');
    expect(envNames(d)).toEqual(['REPAIR_NODE_NAME', 'REPAIR_RUN_AS_DAEMON', 'REPAIR_SIDECAR_ANNOTATION', 'ALLOW_SWITCH_TO_HOST_NS', 'NODE_NAME', 'GOMEMLIMIT', 'GOMAXPROCS', 'POD_NAME', 'POD_NAMESPACE']);
    expect(d.spec.template.spec.hostNetwork).toBeUndefined();
    const shared = find(rendered({ profile: 'ambient', set: ['values.cni.ambient.shareHostNetworkNamespace=true'] }), 'DaemonSet', 'istio-cni-node');
    expect(shared.spec.template.spec.hostNetwork).toBe(true);
    expect(envNames(shared)).not.toContain('ALLOW_SWITCH_TO_HOST_NS');
  });

  it('ztunnel knows its CPU limit', () => {
    expect(envNames(find(rendered({ profile: 'ambient' }), 'DaemonSet', 'ztunnel'))).toContain('ZTUNNEL_CPU_LIMIT');
  });
});

describe('strategicMerge', () => {
  it('merges maps, merges named lists by key, replaces other lists, and null removes', () => {
    expect(strategicMerge({ a: { b: 1, c: 2 }, env: [{ name: 'X', value: '1' }], args: ['a'] }, { a: { c: null, d: 3 }, env: [{ name: 'X', value: '2' }, { name: 'Y' }], args: ['b'] }, '')).toEqual({
      a: { b: 1, d: 3 },
      env: [{ name: 'X', value: '2' }, { name: 'Y' }],
      args: ['b'],
    });
  });
});

describe('inputs Istio refuses', () => {
  const refuse = (text: string) => () => resolveInstall({ overlays: [{ source: 'bad.yaml', text }] });

  it('several IstioOperators in one file, at the second one', () => {
    expect(refuse(`${iop('  profile: minimal\n')}---\n${iop('  profile: demo\n')}`)).toThrow(/^bad\.yaml:6:1: contains multiple IstioOperator CRs, only one per file is supported$/);
  });

  it('an unknown field in a k8s toleration, at its position', () => {
    expect(refuse(iop('  components:\n    pilot:\n      k8s:\n        tolerations:\n        - thats: not-a-field\n'))).toThrow(/^bad\.yaml:8:11: unknown field "components\.pilot\.k8s\.tolerations\[0\]\.thats"/);
  });

  it('an unknown field in values.global.defaultTolerations, and a mistyped resource quantity', () => {
    expect(refuse(iop('  values:\n    global:\n      defaultTolerations:\n      - thats: x\n'))).toThrow(/^bad\.yaml:7:9: unknown field "values\.global\.defaultTolerations\[0\]\.thats"/);
    expect(refuse(iop('  values:\n    pilot:\n      resources:\n        request:\n          cpu: 1\n'))).toThrow(/unknown field "values\.pilot\.resources\.request"/);
  });
});

describe('k8s.overlays paths', () => {
  it('select list items by key, by scalar value ([30m]) and with escaped dots; base objects can be patched too', () => {
    const list = fromFile(`  profile: minimal
  components:
    base:
      k8s:
        overlays:
        - kind: ServiceAccount
          name: istio-reader-service-account
          patches:
          - path: metadata.annotations
            value: {patched: "yes"}
    pilot:
      k8s:
        overlays:
        - kind: Deployment
          name: istiod
          patches:
          - path: spec.template.spec.containers.[name:discovery].args.[30m]
            value: 60m
          - path: spec.template.spec.containers.[name:discovery].ports.[containerPort:8080].containerPort
            value: 1234
        - kind: MutatingWebhookConfiguration
          name: istio-sidecar-injector
          patches:
          - path: webhooks.[name:namespace\\.sidecar-injector\\.istio\\.io].failurePolicy
            value: Ignore
`);
    const discovery = find(list, 'Deployment', 'istiod').spec.template.spec.containers[0];
    expect(discovery.args).toContain('60m');
    expect(discovery.args).not.toContain('30m');
    expect(discovery.ports[0].containerPort).toBe(1234);
    const hooks = find(list, 'MutatingWebhookConfiguration', 'istio-sidecar-injector').webhooks as Array<{ name: string; failurePolicy: string }>;
    expect(hooks.find((w) => w.name === 'namespace.sidecar-injector.istio.io')?.failurePolicy).toBe('Ignore');
    expect(find(list, 'ServiceAccount', 'istio-reader-service-account').metadata.annotations).toEqual({ patched: 'yes' });
  });
});

describe('CNI in ambient mode', () => {
  it('has its own istio-cni-ambient ClusterRole and binding', () => {
    const list = rendered({ profile: 'ambient' });
    expect(find(list, 'ClusterRole', 'istio-cni-ambient').rules).toHaveLength(2);
    expect(find(list, 'ClusterRoleBinding', 'istio-cni-ambient').roleRef.name).toBe('istio-cni-ambient');
    expect(find(list, 'ClusterRole', 'istio-cni').rules).toHaveLength(1);
  });
});

describe('more istiod chart values', () => {
  it('values.revisionTags: a webhook per tag; the default tag also serves istio-injection namespaces', () => {
    const list = rendered({ profile: 'minimal', revision: 'canary', set: ['values.revisionTags=[prod, default]'] });
    const prod = find(list, 'MutatingWebhookConfiguration', 'istio-revision-tag-prod');
    expect(prod.metadata.labels?.['istio.io/tag']).toBe('prod');
    expect(prod.webhooks.map((w: { name: string }) => w.name)).toEqual(['rev.namespace.sidecar-injector.istio.io', 'rev.object.sidecar-injector.istio.io']);
    expect(prod.webhooks[0].namespaceSelector.matchExpressions[0]).toEqual({ key: 'istio.io/rev', operator: 'In', values: ['prod'] });
    expect(prod.webhooks[0].clientConfig.service.name).toBe('istiod-canary');
    expect(find(list, 'MutatingWebhookConfiguration', 'istio-revision-tag-default').webhooks).toHaveLength(4);
  });

  it('values.pilot.jwksResolverExtraRootCA: a ConfigMap mounted into istiod', () => {
    const list = fromFile('  profile: minimal\n  values:\n    pilot:\n      jwksResolverExtraRootCA: "-----BEGIN CERTIFICATE-----"\n');
    expect(find(list, 'ConfigMap', 'pilot-jwks-extra-cacerts').data).toEqual({ 'extra.pem': '-----BEGIN CERTIFICATE-----' });
    const pod = find(list, 'Deployment', 'istiod').spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'extracacerts', configMap: { name: 'pilot-jwks-extra-cacerts' } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'extracacerts', mountPath: '/cacerts', readOnly: true });
  });

  it('values.gatewayClasses: a defaults ConfigMap per class', () => {
    const list = fromFile('  profile: minimal\n  values:\n    gatewayClasses:\n      istio:\n        service:\n          spec:\n            type: ClusterIP\n');
    const cm = find(list, 'ConfigMap', 'istio-istio-gateway-class');
    expect(cm.metadata.labels?.['gateway.istio.io/defaults-for-class']).toBe('istio');
    expect(cm.data).toEqual({ service: 'spec:\n  type: ClusterIP' });
  });
});
