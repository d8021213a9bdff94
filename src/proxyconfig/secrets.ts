/**
 * `proxy-config secret`: the certificates Envoy holds, by name, with serial number and validity dates read
 * from the certificate. Never key material: private keys are not read, certificate bodies not returned.
 * Validity is judged at the `now` the caller passes.
 */
import { X509Certificate } from 'node:crypto';
import type { ConfigDump } from './dump.js';
import { rec, str } from './fields.js';

export interface SecretRow {
  name: string;
  type: 'Cert Chain' | 'CA' | 'Unknown';
  status: string;
  valid: boolean;
  serial: string;
  notAfter: string;
  notBefore: string;
}

function firstCertificate(inline: unknown): X509Certificate | undefined {
  const r = rec(inline);
  const text = str(r?.inlineBytes) !== undefined ? Buffer.from(str(r?.inlineBytes) as string, 'base64').toString('utf8') : str(r?.inlineString);
  if (!text) return undefined;
  const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0];
  if (!pem) return undefined;
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

const iso = (d: string) => new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function secretRows(dump: ConfigDump, options: { now: number; name?: string }): SecretRow[] {
  return dump.secrets
    .filter((s) => options.name === undefined || s.name === options.name)
    .map((s) => {
      const tls = rec(s.secret.tlsCertificate);
      const ca = rec(s.secret.validationContext);
      const cert = firstCertificate(tls ? tls.certificateChain : ca?.trustedCa);
      const notBefore = cert ? Date.parse(cert.validFrom) : Number.NaN;
      const notAfter = cert ? Date.parse(cert.validTo) : Number.NaN;
      return {
        name: s.name,
        type: tls ? 'Cert Chain' : ca ? 'CA' : 'Unknown',
        status: s.state,
        valid: cert !== undefined && options.now >= notBefore && options.now <= notAfter,
        serial: cert ? cert.serialNumber.toLowerCase() : '-',
        notAfter: cert ? iso(cert.validTo) : '-',
        notBefore: cert ? iso(cert.validFrom) : '-',
      } satisfies SecretRow;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const SECRET_HEADERS = ['RESOURCE NAME', 'TYPE', 'STATUS', 'VALID CERT', 'SERIAL NUMBER', 'NOT AFTER', 'NOT BEFORE'];

export function secretCells(r: SecretRow): string[] {
  return [r.name, r.type, r.status, String(r.valid), r.serial, r.notAfter, r.notBefore];
}
