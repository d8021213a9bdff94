/**
 * Is a Secret a usable TLS credential? Reads `data` (base64) or `stringData`, accepts Istio's key names
 * (tls.crt/tls.key, cert/key), parses the certificate and checks its validity window against a given time.
 * Secret values never leave this module: callers get a verdict, not data.
 */
import { X509Certificate } from 'node:crypto';
import { rec } from './fields.js';
import type { Resource } from './types.js';

export type CredentialVerdict = 'ok' | 'missing-keys' | 'bad-certificate' | 'expired' | 'not-yet-valid';

function value(secret: Resource, key: string): string | undefined {
  const data = rec(secret.object.data)[key];
  if (typeof data === 'string') {
    try {
      return Buffer.from(data, 'base64').toString('utf8');
    } catch {
      return undefined;
    }
  }
  const plain = rec(secret.object.stringData)[key];
  return typeof plain === 'string' ? plain : undefined;
}

/** Whether the secret holds a server certificate and its key; with `now` > 0 (ms since epoch), valid at that time too. */
export function checkServerCredential(secret: Resource, now: number): CredentialVerdict {
  const pairs: Array<[string, string]> = [
    ['tls.crt', 'tls.key'],
    ['cert', 'key'],
  ];
  const pair = pairs.find(([c, k]) => value(secret, c) !== undefined && value(secret, k) !== undefined);
  // The secret a credentialName names must hold the pair; a CA goes in `<name>-cacert` or beside the pair.
  if (!pair) return 'missing-keys';
  const pem = value(secret, pair[0]) ?? '';
  const key = value(secret, pair[1]) ?? '';
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) return 'bad-certificate';
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    return 'bad-certificate';
  }
  if (now > 0) {
    if (Date.parse(cert.validTo) < now) return 'expired';
    if (Date.parse(cert.validFrom) > now) return 'not-yet-valid';
  }
  return 'ok';
}
