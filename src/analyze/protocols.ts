/** Istio's protocol selection by port name (`http-web`, `grpc`) or appProtocol; system namespaces. */

const PROTOCOLS = ['grpc', 'grpc-web', 'http', 'http2', 'https', 'mongo', 'mysql', 'redis', 'tcp', 'tls', 'udp'];

/** The protocol a port name declares (`http-web` -> http), or undefined when it declares none. */
export function protocolOfName(name: string): string | undefined {
  const n = name.toLowerCase();
  // Longest first, so `grpc-web-x` is grpc-web rather than grpc.
  for (const p of [...PROTOCOLS].sort((a, b) => b.length - a.length)) if (n === p || n.startsWith(`${p}-`)) return p;
  return undefined;
}

/** `kubernetes.io/h2c` and friends count as declared protocols too. */
export function declaresProtocol(name: string, appProtocol: string | undefined): boolean {
  return (appProtocol !== undefined && appProtocol !== '') || protocolOfName(name) !== undefined;
}

const SYSTEM = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

/** Namespaces Istio's analyzers leave alone (Kubernetes' own, and the control plane's). */
export function isSystemNamespace(ns: string, istioNamespace: string): boolean {
  return SYSTEM.has(ns) || ns === istioNamespace;
}
