/**
 * Built-in Kubernetes kinds that affect the mesh, checked as istioctl validate does: Service ports named after
 * their protocol (or with `appProtocol`), and workloads whose pods carry the `app` and `version` labels that
 * Istio's telemetry uses. All findings are warnings: Kubernetes accepts these objects.
 */
import type { PathSegment } from '../resources/types.js';

type Report = (path: PathSegment[], message: string, severity?: 'error' | 'warning') => void;
type Obj = Record<string, unknown>;

/** Protocols Istio recognises from a port name prefix (`http`, `http-web`, `grpc-web-x`...). */
export const PORT_NAME_PROTOCOLS = ['grpc', 'grpc-web', 'http', 'http2', 'https', 'mongo', 'mysql', 'redis', 'tcp', 'tls', 'udp'];

const WORKLOADS: Record<string, PathSegment[]> = {
  'apps/v1/Deployment': ['spec', 'template'],
  'apps/v1/StatefulSet': ['spec', 'template'],
  'apps/v1/DaemonSet': ['spec', 'template'],
  'apps/v1/ReplicaSet': ['spec', 'template'],
  'batch/v1/Job': ['spec', 'template'],
  'batch/v1/CronJob': ['spec', 'jobTemplate', 'spec', 'template'],
  'v1/Pod': [],
};

export function isBuiltinKind(apiVersion: string, kind: string): boolean {
  return (apiVersion === 'v1' && kind === 'Service') || `${apiVersion}/${kind}` in WORKLOADS;
}

/** The protocol a port name selects, or undefined when it follows no Istio prefix. */
export function protocolOfPortName(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower === 'grpc-web' || lower.startsWith('grpc-web-')) return 'grpc-web';
  const prefix = lower.split('-')[0] as string;
  return PORT_NAME_PROTOCOLS.includes(prefix) ? prefix : undefined;
}

const asObj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

function at(doc: unknown, path: readonly PathSegment[]): unknown {
  let node = doc;
  for (const seg of path) node = asObj(node)?.[seg as string];
  return node;
}

function validateService(doc: Obj, report: Report): void {
  const name = String(asObj(doc.metadata)?.name ?? '');
  const ports = at(doc, ['spec', 'ports']);
  if (!Array.isArray(ports)) return;
  ports.forEach((p, i) => {
    const port = asObj(p);
    if (!port || typeof port.appProtocol === 'string') return;
    if (typeof port.name !== 'string' || port.name === '') {
      report(['spec', 'ports', i], `service "${name}" has an unnamed port; name it after its protocol (http, grpc, tcp...) or set appProtocol so Istio does not have to guess`, 'warning');
    } else if (!protocolOfPortName(port.name)) {
      report(['spec', 'ports', i, 'name'], `port name "${port.name}" does not start with a protocol Istio recognises (${PORT_NAME_PROTOCOLS.join(', ')}) followed by "-" or nothing; set appProtocol or rename it`, 'warning');
    }
  });
}

function validateWorkload(doc: Obj, template: PathSegment[], report: Report): void {
  const name = String(asObj(doc.metadata)?.name ?? '');
  const labelsPath = [...template, 'metadata', 'labels'];
  const labels = asObj(at(doc, labelsPath)) ?? {};
  const missing = ['app', 'version'].filter((l) => typeof labels[l] !== 'string' || labels[l] === '');
  if (missing.length > 0) {
    const where = template.length === 0 ? 'pod' : 'pod template';
    report(
      labels === asObj(at(doc, labelsPath)) ? labelsPath : [...template, 'metadata'],
      `${String(doc.kind)} "${name}": ${where} has no ${missing.map((l) => `"${l}"`).join(' or ')} label; Istio's metrics and traces use them`,
      'warning',
    );
  }
}

export function validateBuiltin(apiVersion: string, kind: string, doc: Obj, report: Report): void {
  if (apiVersion === 'v1' && kind === 'Service') return validateService(doc, report);
  const template = WORKLOADS[`${apiVersion}/${kind}`];
  if (template) validateWorkload(doc, template, report);
}
