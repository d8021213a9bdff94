import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileTemplate, TemplateError } from './index.js';
import { INJECTOR_NAMES, injectorStandIns, podData } from './testdata/istio-standins.js';

const ref = new URL('../../../../shared/reference/istio/inject/injection-template.yaml', import.meta.url);
const present = existsSync(ref);
const title = present
  ? "upstream Istio's sidecar injection template (reference/istio/inject/injection-template.yaml)"
  : `upstream Istio's sidecar injection template: SKIPPED, ${ref.pathname} is absent`;

interface Container {
  name: string;
  image?: string;
  args?: string[];
  env?: { name: string; value?: string }[];
  resources?: Record<string, Record<string, string>>;
}
interface Pod {
  metadata: { labels: Record<string, string>; annotations: Record<string, string> };
  spec: { initContainers: Container[]; containers: Container[]; volumes: { name: string }[] };
}

describe.skipIf(!present)(title, () => {
  const text = present ? readFileSync(ref, 'utf8') : '';
  const render = (annotations: Record<string, string> = {}, patch?: (d: Record<string, unknown>) => void): Pod => {
    const data = podData(annotations) as Record<string, unknown>;
    patch?.(data);
    const t = compileTemplate('sidecar', text, { funcNames: INJECTOR_NAMES });
    return parse(t.execute(data, { funcs: injectorStandIns })) as Pod;
  };

  it('compiles with all of its function names known, and fails to parse when one is missing', () => {
    expect(() => compileTemplate('sidecar', text, { funcNames: INJECTOR_NAMES })).not.toThrow();
    const withoutAnnotation = INJECTOR_NAMES.filter((n) => n !== 'annotation');
    let error: unknown;
    try {
      compileTemplate('sidecar', text, { funcNames: withoutAnnotation });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).reason).toBe('function "annotation" not defined');
    expect((error as TemplateError).line).toBeGreaterThan(1);
  });

  it('renders a pod with two containers and default values into YAML that parses', () => {
    const pod = render();
    expect(pod.metadata.labels).toEqual({
      'security.istio.io/tlsMode': 'istio',
      'service.istio.io/canonical-name': 'reviews',
      'service.istio.io/canonical-revision': 'v1',
    });
    expect(pod.metadata.annotations['kubectl.kubernetes.io/default-container']).toBe('reviews');
    expect(pod.spec.initContainers.map((c) => c.name)).toEqual(['istio-init']);
    expect(pod.spec.initContainers[0]!.args).toContain('15090,15021,15020');
    const proxy = pod.spec.containers[0]!;
    expect(proxy.name).toBe('istio-proxy');
    expect(proxy.image).toBe('docker.io/istio/proxyv2:1.26.0');
    const env = Object.fromEntries((proxy.env ?? []).map((e) => [e.name, e.value]));
    expect(env.ISTIO_META_APP_CONTAINERS).toBe('reviews,cache');
    expect(env.ISTIO_META_WORKLOAD_NAME).toBe('reviews');
    expect(env.ISTIO_META_OWNER).toBe('kubernetes://apis/apps/v1/namespaces/shop/deployments/reviews');
    expect(env.CA_ADDR).toBe('istiod.istio-system.svc:15012');
    expect(proxy.resources).toEqual({ limits: { cpu: '2000m', memory: '1024Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(pod.spec.volumes.map((v) => v.name)).toContain('istiod-ca-cert');
  });

  it('follows annotations: resources from the define, interception mode NONE drops the init container', () => {
    const pod = render({ 'sidecar.istio.io/proxyCPU': '250m', 'sidecar.istio.io/interceptionMode': 'NONE' });
    expect(pod.spec.containers[0]!.resources).toEqual({ requests: { cpu: '250m' } });
    expect(pod.spec.initContainers).toEqual([]);
  });

  it('ranges over proxy metadata in key order and reads map[string]string values', () => {
    const pod = render({}, (d) => {
      const pc = d.ProxyConfig as Record<string, unknown>;
      Object.assign(pc.ProxyMetadata as object, { ZED: 'z', ISTIO_META_ENABLE_HBONE: 'true' });
    });
    expect(pod.metadata.labels['networking.istio.io/tunnel']).toBe('http');
    const names = (pod.spec.containers[0]!.env ?? []).map((e) => e.name);
    expect(names.slice(-2)).toEqual(['ISTIO_META_ENABLE_HBONE', 'ZED']);
  });

  it('compiles once and runs many times with the same output (its speed is measured in bench/gotemplate.bench.ts)', () => {
    const t = compileTemplate('sidecar', text, { funcNames: INJECTOR_NAMES });
    const data = podData();
    const options = { funcs: injectorStandIns };
    const first = t.execute(data, options);
    for (let i = 0; i < 50; i++) expect(t.execute(data, options)).toBe(first);
    expect(first).toContain('istio-proxy');
  });
});
