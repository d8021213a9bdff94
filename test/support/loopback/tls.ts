/**
 * TLS material for the loopback API server: a CA and a server certificate (SAN IP 127.0.0.1, DNS localhost),
 * minted in-process with node:crypto (test/support/certs.ts, no openssl CLI) the first time a process needs
 * them, then kept in memory. Test-only keys.
 */
import { createCa, issueCert } from '../certs.js';

export interface TlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
}

let cached: TlsMaterial | undefined;

/** Returns this process's CA + server pair, minting it once. */
export function loopbackTls(): TlsMaterial {
  if (cached) return cached;
  const ca = createCa('sailctl-loopback-ca');
  const server = issueCert(ca, { commonName: 'sailctl-loopback', altNames: ['127.0.0.1', 'localhost'], usage: 'server' });
  return (cached = { caPem: ca.certPem, ...server });
}
