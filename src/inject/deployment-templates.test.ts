/**
 * The waypoint, kube-gateway and agentgateway templates are not pod patches: istiod's gateway deployment
 * controller executes them with a Gateway and applies the objects they produce. Executed here with the data
 * that controller passes, they must give a ServiceAccount, a Deployment and a Service owned by the Gateway.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { builtInInjectInputs } from './defaults.js';
import { INJECTOR_FUNC_NAMES, injectorFuncs } from './funcs.js';
import { BUILTIN_TEMPLATES } from './generated/templates.js';
import { compileTemplate } from './gotemplate/index.js';

const { values, meshConfig } = builtInInjectInputs();
const data = (revision: string) => ({
  Name: 'waypoint',
  Namespace: 'apps',
  UID: '1234',
  DeploymentName: 'waypoint',
  ServiceAccount: 'waypoint',
  Ports: [{ Name: 'mesh', Port: 15008, AppProtocol: 'all' }],
  ServiceType: 'ClusterIP',
  ProxyImage: 'docker.io/istio/proxyv2:1.31.4',
  ProxyConfig: { ProxyMetadata: { FOO: 'bar' } },
  MeshConfig: { TrustDomain: 'example.org' },
  Values: values,
  Revision: revision,
  ProxyUID: 1337,
  ProxyGID: 1337,
  InfrastructureLabels: { 'istio.io/waypoint-for': 'service' },
  InfrastructureAnnotations: {},
  GatewayNameLabel: 'gateway.networking.k8s.io/gateway-name',
});

describe.each(['waypoint', 'kube-gateway', 'agentgateway'])('%s deployment template', (name) => {
  const run = (revision: string) => {
    const text = compileTemplate(name, BUILTIN_TEMPLATES[name] as string, { funcNames: INJECTOR_FUNC_NAMES }).execute(data(revision), { funcs: injectorFuncs() });
    const docs = parseAllDocuments(text);
    for (const d of docs) expect(d.errors, text).toEqual([]);
    return docs.map((d) => d.toJS() as { kind: string; metadata: Record<string, any>; spec?: Record<string, any> });
  };

  it('renders a ServiceAccount, Deployment and Service named after the Gateway and owned by it', () => {
    const objects = run('');
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ServiceAccount/waypoint', 'Deployment/waypoint', 'Service/waypoint']);
    for (const o of objects) {
      expect(o.metadata.namespace).toBe('apps');
      expect(o.metadata.ownerReferences).toEqual([{ apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'Gateway', name: 'waypoint', uid: '1234' }]);
      expect(o.metadata.labels['gateway.networking.k8s.io/gateway-name']).toBe('waypoint');
    }
    const deployment = objects[1]!;
    expect(deployment.spec!.selector.matchLabels).toEqual({ 'gateway.networking.k8s.io/gateway-name': 'waypoint' });
    expect(deployment.spec!.template.metadata.labels['gateway.networking.k8s.io/gateway-name']).toBe('waypoint');
    expect(deployment.spec!.template.spec.containers[0].image).toBe('docker.io/istio/proxyv2:1.31.4');
    expect(objects[2]!.spec!.selector).toEqual({ 'gateway.networking.k8s.io/gateway-name': 'waypoint' });
    expect(objects[2]!.spec!.ports.map((p: { port: number }) => p.port)).toContain(15008);
  });

  it('points the proxy at the revision’s istiod', () => {
    const text = JSON.stringify(run('canary')[1]);
    expect(text).toContain('istiod-canary.istio-system.svc:15012');
    expect(JSON.stringify(run('')[1])).toContain('istiod.istio-system.svc:15012');
  });
});
