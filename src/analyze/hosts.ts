/**
 * Host names as Istio compares them: wildcards (`*`, `*.example.com`), short names that expand to
 * `name.namespace.svc.cluster.local`, and Gateway server hosts written `namespace/host`.
 */

export const CLUSTER_DOMAIN = 'svc.cluster.local';

/** `reviews` in `default` -> `reviews.default.svc.cluster.local`; names with a dot and wildcards stay as they are. */
export function fqdn(host: string, namespace: string): string {
  if (host === '*' || host.startsWith('*') || host.includes('.')) return host;
  return `${host}.${namespace}.${CLUSTER_DOMAIN}`;
}

/** Whether wildcard-aware host `a` covers `b` or `b` covers `a` (they share at least one name). */
export function hostsOverlap(a: string, b: string): boolean {
  if (a === b || a === '*' || b === '*') return true;
  if (a.startsWith('*')) {
    if (b.startsWith('*')) return a.length > b.length ? a.endsWith(b.slice(1)) : b.endsWith(a.slice(1));
    return b.endsWith(a.slice(1));
  }
  if (b.startsWith('*')) return a.endsWith(b.slice(1));
  return false;
}

/** Whether wildcard host `pattern` covers every name of `host`. */
export function hostCovers(pattern: string, host: string): boolean {
  if (pattern === '*' || pattern === host) return true;
  if (!pattern.startsWith('*')) return false;
  const suffix = pattern.slice(1);
  if (host.startsWith('*')) return host.slice(1).endsWith(suffix);
  return host.endsWith(suffix);
}

/** `ns/host` of a Gateway server -> namespace part (`*` when absent) and host. `.` means the Gateway's namespace. */
export function splitGatewayHost(value: string, gatewayNamespace: string): { namespace: string; host: string } {
  const slash = value.indexOf('/');
  if (slash < 0) return { namespace: '*', host: value };
  const ns = value.slice(0, slash);
  return { namespace: ns === '.' ? gatewayNamespace : ns, host: value.slice(slash + 1) };
}

/**
 * A Gateway reference as written in a VirtualService: `name` (same namespace), `ns/name`, or the legacy
 * `name.ns[.svc.cluster.local]`.
 */
export function resolveGatewayRef(ref: string, namespace: string): { namespace: string; name: string } {
  const slash = ref.indexOf('/');
  if (slash >= 0) return { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
  const dot = ref.indexOf('.');
  if (dot >= 0) return { namespace: ref.slice(dot + 1).split('.')[0] ?? namespace, name: ref.slice(0, dot) };
  return { namespace, name: ref };
}

/** A Service host `name.ns.svc.cluster.local` (or `name.ns`, `name.ns.svc`) -> its namespace and name. */
export function serviceOfHost(host: string, namespace: string): { namespace: string; name: string } | undefined {
  if (host.startsWith('*')) return undefined;
  const parts = host.split('.');
  if (parts.length === 1) return { namespace, name: host };
  if (parts.length === 2 || (parts.length >= 3 && (parts[2] === 'svc' && (parts.length === 3 || host.endsWith(`.${CLUSTER_DOMAIN}`))))) {
    return { namespace: parts[1] as string, name: parts[0] as string };
  }
  return undefined;
}
