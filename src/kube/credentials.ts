/**
 * Static credentials straight from the kubeconfig: CA, client certificate and key, bearer token or basic auth.
 * Most kubeconfigs need nothing else, and reading them ourselves spares every cluster command the import of
 * @kubernetes/client-node (~0.5 s). Exec and auth-provider plugins, impersonation and proxies are left to
 * client-node (`undefined` here means "use it").
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KubeConfigError, KubeConfigFieldError } from './errors.js';
import type { SelectedContext } from './kubeconfig-files.js';

export interface StaticCredentials {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** `Authorization` header value; never logged. */
  authorization?: string;
  rejectUnauthorized: boolean;
  servername?: string;
}

function readEntryFile(path: string, what: string, owner: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new KubeConfigError(`cannot read the ${what} file ${path} of ${owner} (${code})`);
  }
}

/**
 * Decodes a `*-data` field and checks it is the PEM it should be, so a malformed one is exit 78 naming the field
 * (never its value, nor OpenSSL's "PEM routines::no start line" at the first request).
 */
function fromData(data: string, field: string, owner: string, pem: 'certificate' | 'private key'): Buffer {
  const bytes = Buffer.from(data, 'base64');
  try {
    if (pem === 'private key') createPrivateKey(bytes);
    else new X509Certificate(bytes);
  } catch {
    throw new KubeConfigFieldError(`kubeconfig ${owner}: ${field} is not a valid base64-encoded PEM ${pem}`);
  }
  return bytes;
}

export function staticCredentials(selected: SelectedContext): StaticCredentials | undefined {
  const { cluster, user } = selected;
  if (user.exec !== undefined || user.authProvider !== undefined || user.as !== undefined || cluster.proxyUrl) return undefined;
  const userOwner = `user "${user.name}"`;
  const clusterOwner = `cluster "${cluster.name}"`;
  const out: StaticCredentials = { rejectUnauthorized: !cluster.insecureSkipTlsVerify };
  if (cluster.certificateAuthorityData) out.ca = fromData(cluster.certificateAuthorityData, 'certificate-authority-data', clusterOwner, 'certificate');
  else if (cluster.certificateAuthority) out.ca = readEntryFile(cluster.certificateAuthority, 'certificate-authority', clusterOwner);
  if (cluster.tlsServerName) out.servername = cluster.tlsServerName;
  if (user.clientCertificateData) out.cert = fromData(user.clientCertificateData, 'client-certificate-data', userOwner, 'certificate');
  else if (user.clientCertificate) out.cert = readEntryFile(user.clientCertificate, 'client-certificate', userOwner);
  if (user.clientKeyData) out.key = fromData(user.clientKeyData, 'client-key-data', userOwner, 'private key');
  else if (user.clientKey) out.key = readEntryFile(user.clientKey, 'client-key', userOwner);
  const token = user.token ?? (user.tokenFile ? readEntryFile(user.tokenFile, 'token', userOwner).toString('utf8').trim() : undefined);
  if (token) out.authorization = `Bearer ${token}`;
  else if (user.username !== undefined && user.password !== undefined) {
    out.authorization = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
  }
  return out;
}
