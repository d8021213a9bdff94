/**
 * For the demo: runs an injected sample app on the stand-in cluster by doing the Deployment controller's and
 * the kubelet's part — one Running pod per Deployment of an injected YAML file (from `sailctl kube-inject`),
 * and a Service for it. Returns what it did, for the demo to print. Test/demo fixture only.
 */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../src/kube/types.js';
import { istiodPod } from './fixtures.js';
import type { StoreView } from './mesh.js';

interface Template {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: Array<{ name?: string; ports?: Array<{ containerPort?: number }> }> } & Record<string, unknown>;
}

export function seedInjectedApp(server: StoreView & { seed(objects: KubeObject[]): void }, file: string): string[] {
  const lines: string[] = [];
  const docs = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJSON() as KubeObject | null);
  const objects: KubeObject[] = [];
  let n = 0;
  for (const d of docs) {
    if (!d || d.kind !== 'Deployment') continue;
    const ns = d.metadata.namespace ?? 'default';
    const name = d.metadata.name ?? 'app';
    const template = ((d.spec as { template?: Template } | undefined)?.template ?? {}) as Template;
    const labels = template.metadata?.labels ?? {};
    const pod = `${name}-7c9d8b6f5-demo${n}`;
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: pod, namespace: ns, labels, annotations: template.metadata?.annotations ?? {} },
      spec: template.spec ?? {},
      status: { phase: 'Running', podIP: `10.244.7.${10 + n}` },
    });
    const ports = (template.spec?.containers ?? []).filter((c) => c.name !== 'istio-proxy').flatMap((c) => c.ports ?? []);
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ns, labels: { app: labels.app ?? name } },
      spec: { selector: { app: labels.app ?? name }, ports: ports.map((p) => ({ name: `http-${p.containerPort}`, port: p.containerPort, targetPort: p.containerPort })), clusterIP: `10.96.7.${10 + n}` },
    });
    lines.push(`pod ${ns}/${pod} (from the injected Deployment ${name}) is Running, with Service ${name}`);
    n++;
  }
  const running = server.list('v1', 'Pod', 'istio-system').filter((p) => p.metadata.labels?.app === 'istiod' && (p.status as { phase?: string } | undefined)?.phase === 'Running');
  if (running.length === 0) {
    objects.push(istiodPod('istiod-5b7f8c9d4-demo0'));
    lines.push('no running istiod pod yet: added one (the stand-in does not run istiod)');
  }
  server.seed(objects);
  return lines;
}
