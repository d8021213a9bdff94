/** Istio's protocol selection by port name (`http-web`, `grpc`) or appProtocol; system namespaces. */

const PROTOCOLS = ['grpc', 'grpc-web', 'http', 'http2', 'http_proxy', 'https', 'mongo', 'mysql', 'redis', 'tcp', 'tls', 'udp'];

/** The protocol a port name declares (`http-web` -> http), or undefined when it declares none. */
export function protocolOfName(name: string): string | undefined {
  const n = name.toLowerCase();
  // Longest first, so `grpc-web-x` is grpc-web rather than grpc.
  for (const p of [...PROTOCOLS].sort((a, b) => b.length - a.length)) if (n === p || n.startsWith(`${p}-`)) return p;
  return undefined;
}

/** Kubernetes' standard appProtocol values, as Istio maps them. */
const KUBERNETES_APP_PROTOCOLS: Readonly<Record<string, string>> = { 'kubernetes.io/h2c': 'http2', 'kubernetes.io/ws': 'http', 'kubernetes.io/wss': 'https' };

/** Ports Istio treats as TCP when nothing declares their protocol. */
const WELL_KNOWN_TCP_PORTS = new Set([3306]);

/**
 * The protocol Istio gives a Service port, or undefined when it cannot tell (it will sniff): UDP by protocol, else
 * the appProtocol when set (it replaces the name), else the name's prefix (`http-web` -> http); a few well-known
 * ports default to TCP.
 */
export function servicePortProtocol(port: { port?: number; name?: string; protocol?: string; appProtocol?: string }): string | undefined {
  if (port.protocol === 'UDP') return 'udp';
  const app = port.appProtocol;
  const declared = app !== undefined ? (KUBERNETES_APP_PROTOCOLS[app] ?? protocolOfName(app)) : protocolOfName(port.name ?? '');
  if (declared !== undefined) return declared;
  return port.port !== undefined && WELL_KNOWN_TCP_PORTS.has(port.port) ? 'tcp' : undefined;
}

const SYSTEM = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

/** Resources of the control plane itself, as Istio's analyzers recognise them: an `istio` label, or `release: istio`. */
export function isControlPlaneResource(labels: Readonly<Record<string, string>>): boolean {
  return labels.istio !== undefined || labels.release === 'istio';
}

/** Namespaces Istio's analyzers leave alone (Kubernetes' own, and the control plane's). */
export function isSystemNamespace(ns: string, istioNamespace: string): boolean {
  return SYSTEM.has(ns) || ns === istioNamespace;
}
