/** Objects for proxy-status / proxy-config tests and the demo: istiod pods, injected app pods, Services. */
import type { KubeObject } from '../../../src/kube/types.js';

export function istiodPod(name: string, options: { namespace?: string; revision?: string; phase?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: options.namespace ?? 'istio-system', labels: { app: 'istiod', istio: 'pilot', 'istio.io/rev': options.revision ?? 'default' } },
    spec: { containers: [{ name: 'discovery', image: 'docker.io/istio/pilot:1.31.4', ports: [{ containerPort: 15014 }] }] },
    status: { phase: options.phase ?? 'Running', podIP: '10.244.200.10' },
  };
}

export function injectedPod(name: string, namespace: string, labels: Record<string, string>, ports: number[], ip?: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: { ...labels, 'security.istio.io/tlsMode': 'istio', 'service.istio.io/canonical-name': labels.app ?? name },
      annotations: { 'sidecar.istio.io/status': '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy"]}' },
    },
    spec: {
      serviceAccountName: labels.app ?? 'default',
      containers: [
        { name: labels.app ?? 'app', image: 'docker.io/example/app:1.0', ports: ports.map((containerPort) => ({ containerPort })) },
        { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.31.4' },
      ],
    },
    status: { phase: 'Running', ...(ip ? { podIP: ip } : {}) },
  };
}

export function service(name: string, namespace: string, selector: Record<string, string>, ports: Array<{ name: string; port: number; targetPort?: number }>, clusterIP?: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { selector, ports: ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.targetPort ?? p.port, protocol: 'TCP' })), ...(clusterIP ? { clusterIP } : {}) },
  };
}

export function deployment(name: string, namespace: string, labels: Record<string, string>): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace, labels }, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [] } } } };
}

/** A small shop: productpage, reviews (2 pods, a DestinationRule with subsets v1 and v2), ratings (TCP db too), in namespace `shop`. */
export function shopFixture(): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } } },
    injectedPod('productpage-v1-7d9b5c6f4-abcde', 'shop', { app: 'productpage', version: 'v1' }, [9080], '10.244.1.10'),
    injectedPod('reviews-v1-5c8d7f9b6-fghij', 'shop', { app: 'reviews', version: 'v1' }, [9080], '10.244.1.11'),
    injectedPod('reviews-v2-6f4c8d7b5-klmno', 'shop', { app: 'reviews', version: 'v2' }, [9080], '10.244.1.12'),
    injectedPod('ratings-v1-8b6d5c4f7-pqrst', 'shop', { app: 'ratings', version: 'v1' }, [9080, 3306], '10.244.1.13'),
    service('productpage', 'shop', { app: 'productpage' }, [{ name: 'http', port: 9080 }], '10.96.10.1'),
    service('reviews', 'shop', { app: 'reviews' }, [{ name: 'http', port: 9080 }], '10.96.10.2'),
    service('ratings', 'shop', { app: 'ratings' }, [{ name: 'http', port: 9080 }, { name: 'tcp-mysql', port: 3306 }], '10.96.10.3'),
    deployment('reviews-v2', 'shop', { app: 'reviews', version: 'v2' }),
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'reviews', namespace: 'shop' },
      spec: { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }] },
    },
  ];
}

/** `count` injected pods spread over `namespaces` namespaces, one Service per namespace. */
export function manyProxies(count: number, namespaces = 10): KubeObject[] {
  const out: KubeObject[] = [];
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${String(n).padStart(2, '0')}`;
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    out.push(service('web', ns, { app: 'web' }, [{ name: 'http', port: 8080 }]));
  }
  for (let i = 0; i < count; i++) {
    const ns = `team-${String(i % namespaces).padStart(2, '0')}`;
    out.push(injectedPod(`web-${String(i).padStart(4, '0')}`, ns, { app: 'web' }, [8080]));
  }
  return out;
}
