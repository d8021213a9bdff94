/**
 * The intent of the CEL rules of the security, telemetry and extensions kinds (src/api/kinds/{security,
 * telemetry,extensions,targeting}.ts), as TS predicates keyed by the exact rule text. Merged into CEL_CHECKS
 * (cel.ts), which the generator and the validator runtime use.
 */
type Obj = Record<string, unknown>;
type CelCheck = (self: unknown) => boolean;

const has = (o: unknown, k: string): boolean => o !== null && typeof o === 'object' && (o as Obj)[k] !== undefined && (o as Obj)[k] !== null;
const count = (o: unknown, ...fields: string[]): number => fields.filter((f) => has(o, f)).length;
const field = (o: unknown, k: string): unknown => (o !== null && typeof o === 'object' ? (o as Obj)[k] : undefined);

/**
 * The scheme of `text` as Go's `url.ParseRequestURI` (and so CEL's `url()`/`isURL()`) reads it: '' for an
 * absolute path, the lower-cased scheme for `scheme:/...` and `scheme:opaque`, undefined when it is not a
 * request URI.
 */
export function requestUriScheme(text: string): string | undefined {
  // Control characters are refused anywhere; a space only outside the path.
  if (/[\u0000-\u001f\u007f]/.test(text) || text === '') return undefined;
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(text);
  const scheme = m ? (m[1] as string).toLowerCase() : '';
  const rest = m ? (m[2] as string) : text;
  // `scheme:opaque` is a request URI to Go (so `localhost:5000/x` has the scheme "localhost"); a relative
  // reference without a scheme is not.
  if (!rest.startsWith('/')) return m ? scheme : undefined;
  if (rest.startsWith('//')) {
    const authority = rest.slice(2).split(/[/?#]/, 1)[0] as string;
    const host = authority.slice(authority.lastIndexOf('@') + 1);
    if (/\s/.test(host)) return undefined;
    const port = /:([^:\]]*)$/.exec(host)?.[1];
    if (port !== undefined && !/^\d*$/.test(port)) return undefined;
  }
  return scheme;
}

/** The host of `scheme://host:port/...` as Go reads it ('' when the authority is empty), undefined without `//`. */
export function urlHost(text: string): string | undefined {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(text);
  if (!m) return undefined;
  const host = (m[1] as string).slice((m[1] as string).lastIndexOf('@') + 1);
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:[^:]*$/, '');
}

const WASM_SCHEMES = ['', 'http', 'https', 'oci', 'file'];

export const POLICY_CEL_CHECKS: Readonly<Record<string, CelCheck>> = {
  // targeting.ts
  '[has(self.selector), has(self.targetRef), has(self.targetRefs)].filter(x, x).size() <= 1': (self) => count(self, 'selector', 'targetRef', 'targetRefs') <= 1,
  // security.ts
  '!(has(self.serviceAccounts) || has(self.notServiceAccounts)) || [has(self.principals), has(self.notPrincipals), has(self.namespaces), has(self.notNamespaces)].all(x, !x)': (self) =>
    count(self, 'serviceAccounts', 'notServiceAccounts') === 0 || count(self, 'principals', 'notPrincipals', 'namespaces', 'notNamespaces') === 0,
  "self.all(p, p.matches('^[0-9]+$') && int(p) >= 1 && int(p) <= 65535)": (self) =>
    Object.keys(self !== null && typeof self === 'object' ? self : {}).every((p) => /^[0-9]+$/.test(p) && Number(p) >= 1 && Number(p) <= 65535),
  '!has(self.portLevelMtls) || (has(self.selector) && has(self.selector.matchLabels) && self.selector.matchLabels.size() > 0)': (self) => {
    if (!has(self, 'portLevelMtls')) return true;
    const labels = field(field(self, 'selector'), 'matchLabels');
    return labels !== null && typeof labels === 'object' && Object.keys(labels).length > 0;
  },
  "url(self).getScheme() in ['http', 'https']": (self) => typeof self !== 'string' || ['http', 'https'].includes(requestUriScheme(self) ?? 'invalid'),
  '[has(self.jwksUri), has(self.jwks_uri), has(self.jwks)].filter(x, x).size() <= 1': (self) => count(self, 'jwksUri', 'jwks_uri', 'jwks') <= 1,
  // telemetry.ts
  "!has(self.operation) || self.operation != 'UPSERT' || (has(self.value) && self.value != '')": (self) =>
    field(self, 'operation') !== 'UPSERT' || (typeof field(self, 'value') === 'string' && field(self, 'value') !== ''),
  "!has(self.operation) || self.operation != 'REMOVE' || !has(self.value)": (self) => field(self, 'operation') !== 'REMOVE' || !has(self, 'value'),
  // extensions.ts
  "(isURL(self) ? url(self).getScheme() : (isURL('http://' + self) ? '' : 'invalid')) in ['', 'http', 'https', 'oci', 'file']": (self) => {
    if (typeof self !== 'string') return true;
    const scheme = requestUriScheme(self) ?? (requestUriScheme(`http://${self}`) === undefined ? 'invalid' : '');
    return WASM_SCHEMES.includes(scheme);
  },
  "!has(self.valueFrom) || self.valueFrom != 'HOST' || !has(self.value)": (self) => field(self, 'valueFrom') !== 'HOST' || !has(self, 'value'),
  '!(has(self.selector) && has(self.targetRefs))': (self) => count(self, 'selector', 'targetRefs') <= 1,
  'has(self.wasm) != has(self.lua)': (self) => has(self, 'wasm') !== has(self, 'lua'),
};
