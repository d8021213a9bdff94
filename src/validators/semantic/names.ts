/**
 * The vocabulary of istiod's validation: DNS names and wildcards, namespaces, label keys and values,
 * IPs and CIDRs, exportTo lists, RE2-compatible regexes. Each function returns an error message or undefined.
 */
const DNS1123_LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const NAMESPACE = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isDns1123Label(s: string): boolean {
  return s.length > 0 && s.length <= 63 && DNS1123_LABEL.test(s);
}

export function isNamespaceName(s: string): boolean {
  return s.length > 0 && s.length <= 63 && NAMESPACE.test(s);
}

export function isIPv4(s: string): boolean {
  return IPV4.test(s);
}

export function isIPv6(s: string): boolean {
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return false;
  const parts = s.split('::');
  if (parts.length > 2) return false;
  const groups = (p: string) => (p === '' ? [] : p.split(':'));
  const all = parts.flatMap(groups);
  const last = all[all.length - 1];
  const v4tail = last !== undefined && last.includes('.');
  if (v4tail && !isIPv4(last as string)) return false;
  const hexGroups = v4tail ? all.slice(0, -1) : all;
  if (!hexGroups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hexGroups.length + (v4tail ? 2 : 0);
  return parts.length === 2 ? count < 8 : count === 8;
}

export function isIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

/** `10.0.0.0/8`, `2001:db8::/32`, or a bare IP. */
export function cidrError(s: string): string | undefined {
  const [ip, bits, extra] = s.split('/');
  if (extra !== undefined || ip === undefined) return `"${s}" is not an IP address or CIDR range`;
  if (!isIP(ip)) return `"${s}" is not an IP address or CIDR range`;
  if (bits === undefined) return undefined;
  const max = isIPv4(ip) ? 32 : 128;
  if (!/^\d+$/.test(bits) || Number(bits) > max) return `"${s}" has an invalid prefix length (0..${max})`;
  return undefined;
}

/** A DNS name whose first label may be a wildcard (`*`, `*.example.com`, `*example.com`), as istiod accepts hosts. */
export function wildcardDomainError(host: string): string | undefined {
  if (host === '') return 'host must not be empty';
  if (host.length > 255) return `host "${host}" is longer than 255 characters`;
  const dot = host.indexOf('.');
  const first = dot < 0 ? host : host.slice(0, dot);
  const rest = dot < 0 ? undefined : host.slice(dot + 1);
  const firstOk = first === '*' || (first.startsWith('*') ? isDns1123Label(first.slice(1)) : isDns1123Label(first));
  if (!firstOk) return `host "${host}" is not a valid DNS name (label "${first}"; a wildcard is allowed only at the start)`;
  if (rest === undefined) return undefined;
  return dnsLabelsError(host, rest);
}

function dnsLabelsError(host: string, rest: string): string | undefined {
  const labels = rest.split('.');
  const tld = labels[labels.length - 1] as string;
  if (/^\d+$/.test(tld)) return `host "${host}" is not a valid DNS name (the top-level domain cannot be all digits)`;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] as string;
    if (i === labels.length - 1 && l === '') return undefined; // trailing dot
    if (!isDns1123Label(l)) return `host "${host}" is not a valid DNS name (label "${l}"${l.includes('*') ? ': a wildcard is allowed only at the start' : ''})`;
  }
  return undefined;
}

/** A DNS name with no wildcard (destination hosts may still be short names such as `reviews`). */
export function fqdnError(host: string): string | undefined {
  if (host.includes('*')) return `host "${host}" cannot contain a wildcard here`;
  return wildcardDomainError(host);
}

/** `namespace/host` as Gateway servers and Sidecar egress hosts write them. */
export function namespacedHostError(value: string, allowNone: boolean): string | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return wildcardDomainError(value);
  const ns = value.slice(0, slash);
  const host = value.slice(slash + 1);
  if (!(ns === '*' || ns === '.' || (allowNone && ns === '~') || isNamespaceName(ns))) {
    return `"${value}": namespace "${ns}" must be *, .${allowNone ? ', ~' : ''} or a namespace name`;
  }
  return wildcardDomainError(host);
}

/** A Kubernetes label key (`app`, `example.com/tier`). */
export function labelKeyError(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !prefix.split('.').every(isNamespaceName))) return `label key "${key}" has an invalid prefix (a DNS subdomain)`;
  if (name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) return `label key "${key}" is invalid: up to 63 letters, digits, "-", "_", "." starting and ending alphanumeric`;
  return undefined;
}

export function labelValueError(key: string, value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !LABEL_NAME.test(value)) return `label "${key}" has an invalid value "${value}": up to 63 letters, digits, "-", "_", "." starting and ending alphanumeric`;
  return undefined;
}

/** `exportTo`: `.`, `*`, `~` or namespace names; `*` and `~` stand alone; no duplicates. */
export function exportToErrors(values: readonly unknown[]): { index: number; message: string }[] {
  const out: { index: number; message: string }[] = [];
  const seen = new Set<string>();
  values.forEach((v, index) => {
    const s = String(v);
    if (seen.has(s)) out.push({ index, message: `"${s}" is listed twice` });
    seen.add(s);
    if (!(s === '.' || s === '*' || s === '~' || isNamespaceName(s))) out.push({ index, message: `"${s}" is not ".", "*", "~" or a namespace name` });
  });
  if (values.length > 1 && (seen.has('*') || seen.has('~'))) {
    out.push({ index: 0, message: `${seen.has('*') ? '"*"' : '"~"'} cannot be combined with other values` });
  }
  return out;
}

/** Envoy uses RE2: no look-around, no back-references; the rest must compile. */
export function regexError(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern)) return `regex "${pattern}" uses look-around, which RE2 (Envoy) does not support`;
  if (/\\[1-9]/.test(pattern)) return `regex "${pattern}" uses a back-reference, which RE2 (Envoy) does not support`;
  try {
    new RegExp(pattern.replace(/\(\?P</g, '(?<'), 'u');
    return undefined;
  } catch (err) {
    return `regex "${pattern}" does not compile: ${(err as Error).message.replace(/^Invalid regular expression: \/.*\/u?: /, '')}`;
  }
}

/** Protocol names istiod accepts on ports (case-insensitive). */
export const PROTOCOLS = ['HTTP', 'HTTPS', 'GRPC', 'GRPC-WEB', 'HTTP2', 'MONGO', 'MYSQL', 'REDIS', 'TCP', 'TLS', 'UDP', 'HBONE', 'HTTP_PROXY'];

export function protocolError(protocol: string): string | undefined {
  return PROTOCOLS.includes(protocol.toUpperCase()) ? undefined : `unknown protocol "${protocol}"; use one of ${PROTOCOLS.join(', ')}`;
}
