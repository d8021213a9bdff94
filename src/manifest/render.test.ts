import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.js';
import { profileNames } from './profiles.js';
import { COMPONENT_LABEL, OWNING_RESOURCE_LABEL, REVISION_LABEL, render, renderYaml } from './render.js';
import { resolveInstall, type InstallInput } from './values.js';

const objects = (input: InstallInput) => render(resolveInstall(input)).objects;
const keys = (input: InstallInput) => objects(input).map((o) => `${o.component}/${o.object.kind}/${o.object.metadata.name}`);
const find = (list: ReturnType<typeof objects>, kind: string, name: string): KubeObject & Record<string, any> => {
  const o = list.find((x) => x.object.kind === kind && x.object.metadata.name === name);
  if (!o) throw new Error(`${kind}/${name} not rendered`);
  return o.object as KubeObject & Record<string, any>;
};
const env = (d: Record<string, any>) => Object.fromEntries((d.spec.template.spec.containers[0].env as Array<{ name: string; value?: string }>).map((e) => [e.name, e.value]));

describe('render', () => {
  it.each(profileNames())('%s: every object carries the owning-resource and component labels', (profile) => {
    for (const { component, object } of objects({ profile })) {
      expect(object.metadata.labels?.[OWNING_RESOURCE_LABEL], `${object.kind}/${object.metadata.name}`).toBe('installed-state');
      expect(object.metadata.labels?.[COMPONENT_LABEL]).toBe(component);
    }
  });

  it('is deterministic', () => {
    const input = { profile: 'demo', set: ['values.pilot.env.B=2', 'values.pilot.env.A=1'] };
    expect(renderYaml(render(resolveInstall(input)))).toBe(renderYaml(render(resolveInstall(input))));
  });

  it('orders CRDs first, then namespaces, then components in apply order', () => {
    const list = objects({ profile: 'ambient' });
    const firstOther = list.findIndex((o) => o.object.kind !== 'CustomResourceDefinition');
    expect(firstOther).toBeGreaterThan(0);
    expect(list.slice(0, firstOther).every((o) => o.component === 'Base')).toBe(true);
    expect(list[firstOther]?.object.kind).toBe('Namespace');
    const order = [...new Set(list.slice(firstOther + 1).map((o) => o.component))];
    expect(order).toEqual(['Base', 'Pilot', 'Cni', 'Ztunnel']);
  });

  it('stable adds an admission policy and its binding that deny alpha APIs for its revision; default does not', () => {
    const policy = objects({ profile: 'stable' }).filter((o) => o.object.kind.startsWith('ValidatingAdmissionPolicy'));
    expect(policy.map((o) => [o.component, o.object.kind, o.object.metadata.name])).toEqual([
      ['Base', 'ValidatingAdmissionPolicy', 'stable-channel-policy-istio-system.istio.io'],
      ['Base', 'ValidatingAdmissionPolicyBinding', 'stable-channel-policy-binding-istio-system.istio.io'],
    ]);
    const spec = policy[0]?.object.spec as { validations: Array<{ expression: string }>; matchConstraints: { objectSelector: unknown } };
    expect(spec.validations.map((v) => v.expression).join(' ')).toMatch(/EnvoyFilter.*WasmPlugin.*ProxyConfig.*Telemetry/);
    expect(spec.matchConstraints.objectSelector).toEqual({ matchExpressions: [{ key: 'istio.io/rev', operator: 'In', values: ['default'] }] });
    expect((policy[1]?.object.spec as { policyName: string }).policyName).toBe('stable-channel-policy-istio-system.istio.io');
    expect(objects({ profile: 'default' }).some((o) => o.object.kind.startsWith('ValidatingAdmissionPolicy'))).toBe(false);
  });

  it('empty renders nothing; minimal has no gateways; demo has both gateways', () => {
    expect(objects({ profile: 'empty' })).toEqual([]);
    expect(keys({ profile: 'minimal' }).some((k) => k.includes('Gateways'))).toBe(false);
    const demo = keys({ profile: 'demo' });
    expect(demo).toContain('IngressGateways/Deployment/istio-ingressgateway');
    expect(demo).toContain('EgressGateways/Deployment/istio-egressgateway');
  });

  it('a revision names and labels everything of the control plane after it', () => {
    const list = objects({ profile: 'minimal', revision: 'canary' });
    const names = list.filter((o) => o.component === 'Pilot').map((o) => o.object.metadata.name);
    expect(names).toEqual(
      expect.arrayContaining(['istiod-canary', 'istio-canary', 'istio-sidecar-injector-canary', 'istio-validator-canary-istio-system', 'istiod-clusterrole-canary-istio-system']),
    );
    for (const o of list.filter((x) => x.component === 'Pilot')) expect(o.object.metadata.labels?.[REVISION_LABEL]).toBe('canary');
    const hooks = find(list, 'MutatingWebhookConfiguration', 'istio-sidecar-injector-canary').webhooks as Array<{ name: string }>;
    expect(hooks.map((h) => h.name)).toEqual(['rev.namespace.sidecar-injector.istio.io', 'rev.object.sidecar-injector.istio.io']);
    expect(env(find(list, 'Deployment', 'istiod-canary')).REVISION).toBe('canary');
    expect(find(list, 'Service', 'istiod-canary').spec.selector).toEqual({ app: 'istiod', 'istio.io/rev': 'canary' });
    // The default-revision validator belongs to the default revision only.
    expect(list.some((o) => o.object.metadata.name === 'istiod-default-validator')).toBe(false);
  });

  it('demo: no autoscaling, fixed replicas, full trace sampling, access logs', () => {
    const list = objects({ profile: 'demo' });
    const istiod = find(list, 'Deployment', 'istiod');
    expect(istiod.spec.replicas).toBe(1);
    expect(env(istiod).PILOT_TRACE_SAMPLING).toBe('100');
    expect(list.some((o) => o.object.kind === 'HorizontalPodAutoscaler')).toBe(false);
    expect(find(list, 'ConfigMap', 'istio').data.mesh).toContain('accessLogFile: /dev/stdout');
    expect((find(list, 'Service', 'istio-ingressgateway').spec.ports as Array<{ port: number }>).map((p) => p.port)).toEqual([15021, 80, 443, 31400, 15443]);
  });

  it('ambient: CNI and ztunnel DaemonSets, distroless images, ambient enabled in istiod', () => {
    const list = objects({ profile: 'ambient' });
    expect(find(list, 'DaemonSet', 'istio-cni-node').spec.template.spec.containers[0].image).toBe('docker.io/istio/install-cni:1.31.4-distroless');
    expect(find(list, 'DaemonSet', 'ztunnel').spec.template.spec.containers[0].env).toContainEqual({ name: 'XDS_ADDRESS', value: 'istiod.istio-system.svc:15012' });
    expect(env(find(list, 'Deployment', 'istiod')).PILOT_ENABLE_AMBIENT).toBe('true');
    expect(find(list, 'ConfigMap', 'istio-cni-config').data.AMBIENT_ENABLED).toBe('true');
  });

  it('remote: no istiod Deployment, an injection webhook, no injector ConfigMap', () => {
    const k = keys({ profile: 'remote' });
    expect(k.some((x) => x.includes('Deployment/istiod'))).toBe(false);
    expect(k).toContain('Pilot/MutatingWebhookConfiguration/istio-sidecar-injector');
    expect(k.some((x) => x.includes('ConfigMap/istio-sidecar-injector'))).toBe(false);
    const url = render(resolveInstall({ profile: 'remote', set: ['values.istiodRemote.injectionURL=https://istiod.example.com:15017/inject'] })).objects;
    expect((find(url, 'MutatingWebhookConfiguration', 'istio-sidecar-injector').webhooks as any[])[0].clientConfig).toEqual({ url: 'https://istiod.example.com:15017/inject' });
  });

  it('applies components.*.k8s settings and values overrides', () => {
    const list = objects({
      set: [
        'components.pilot.k8s.replicaCount=3',
        'components.pilot.k8s.env[0].name=EXTRA',
        'components.pilot.k8s.env[0].value=x',
        'values.pilot.autoscaleEnabled=false',
        'components.ingressGateways[name:istio-ingressgateway].k8s.service.type=NodePort',
        'values.global.hub=my.registry',
        'values.pilot.tag=1.2.3',
      ],
    });
    const istiod = find(list, 'Deployment', 'istiod');
    expect(istiod.spec.replicas).toBe(3);
    expect(env(istiod).EXTRA).toBe('x');
    expect(istiod.spec.template.spec.containers[0].image).toBe('my.registry/pilot:1.2.3');
    expect(find(list, 'Service', 'istio-ingressgateway').spec.type).toBe('NodePort');
    expect(find(list, 'Deployment', 'istio-ingressgateway').spec.template.spec.containers[0].image).toBe('my.registry/proxyv2:1.31.4');
    // More than one replica: a PDB keeps one istiod up during node drains.
    expect(find(list, 'PodDisruptionBudget', 'istiod').spec.minAvailable).toBe(1);
  });

  it('k8s.overlays patch the named object: set by [key:value] and index, remove without a value', () => {
    const iop = [
      'apiVersion: install.istio.io/v1alpha1',
      'kind: IstioOperator',
      'spec:',
      '  components:',
      '    pilot:',
      '      k8s:',
      '        overlays:',
      '        - kind: Deployment',
      '          name: istiod',
      '          patches:',
      '          - path: spec.template.spec.containers.[name:discovery].args[0]',
      '            value: discovery-patched',
      '          - path: spec.template.metadata.labels.team',
      '            value: mesh',
      '          - path: spec.template.spec.containers.[name:discovery].readinessProbe',
      '        - kind: Service',
      '          name: nosuch',
      '          patches: [{path: spec.type, value: NodePort}]',
      '',
    ].join('\n');
    const set = render(resolveInstall({ overlays: [{ source: 'iop.yaml', text: iop }] }));
    const istiod = set.objects.find((o) => o.object.kind === 'Deployment' && o.object.metadata.name === 'istiod')?.object as Record<string, any>;
    const discovery = istiod.spec.template.spec.containers.find((c: { name: string }) => c.name === 'discovery');
    expect(discovery.args[0]).toBe('discovery-patched');
    expect(discovery.readinessProbe).toBeUndefined();
    expect(istiod.spec.template.metadata.labels.team).toBe('mesh');
    expect(set.warnings.join()).toContain('components.pilot: k8s.overlays: no Service nosuch in this component (not applied)');
  });

  it('does not modify the install it renders', () => {
    const install = resolveInstall({ profile: 'demo' });
    const before = JSON.stringify(install);
    render(install);
    expect(JSON.stringify(install)).toBe(before);
  });
});
