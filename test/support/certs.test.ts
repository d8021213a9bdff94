/** The in-process test certificates: well-formed X.509 that a verifying TLS client accepts, and only from its CA. */
import { X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { createCa, issueCert } from './certs.js';

describe('test certificates (node:crypto, no openssl CLI)', () => {
  const ca = createCa('test-ca', 2);
  const server = issueCert(ca, { commonName: 'localhost', altNames: ['127.0.0.1', 'localhost'], usage: 'server' }, 2);
  const client = issueCert(ca, { commonName: 'sailctl-admin', usage: 'client' }, 2);

  it('a CA, and certificates it signed with their names, SANs, usages and validity', () => {
    const caCert = new X509Certificate(ca.certPem);
    const serverCert = new X509Certificate(server.certPem);
    const clientCert = new X509Certificate(client.certPem);
    expect(caCert.ca).toBe(true);
    expect(caCert.subject).toBe('CN=test-ca');
    expect(caCert.verify(caCert.publicKey)).toBe(true);
    expect(serverCert.ca).toBe(false);
    expect(serverCert.subject).toBe('CN=localhost');
    expect(serverCert.issuer).toBe('CN=test-ca');
    expect(serverCert.checkIssued(caCert)).toBe(true);
    expect(serverCert.verify(caCert.publicKey)).toBe(true);
    expect(serverCert.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost');
    expect(serverCert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(clientCert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(clientCert.subjectAltName).toBeUndefined();
    expect(clientCert.verify(caCert.publicKey)).toBe(true);
    expect(clientCert.verify(new X509Certificate(createCa('other-ca').certPem).publicKey)).toBe(false);
    const days = (Date.parse(serverCert.validTo) - Date.parse(serverCert.validFrom)) / 86_400_000;
    expect(Math.round(days * 24)).toBe(2 * 24 + 1);
    expect(serverCert.serialNumber).not.toBe(clientCert.serialNumber);
  });

  it('a verifying TLS client accepts the server for 127.0.0.1 and localhost with the CA, and refuses another CA', async () => {
    const tls = createServer({ key: server.keyPem, cert: server.certPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: true }, (s) => s.end('ok'));
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
    const port = (tls.address() as AddressInfo).port;
    const handshake = (caPem: string, servername?: string) =>
      new Promise<string>((resolve) => {
        const s: TLSSocket = connect({ host: '127.0.0.1', port, ca: caPem, key: client.keyPem, cert: client.certPem, ...(servername ? { servername } : {}) });
        let data = '';
        s.on('data', (d: Buffer) => (data += d.toString()));
        s.on('end', () => resolve(data));
        s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      });
    try {
      expect(await handshake(ca.certPem)).toBe('ok');
      expect(await handshake(ca.certPem, 'localhost')).toBe('ok');
      // The server sends its CA along: a client that trusts another CA finds a self-signed root it does not know.
      expect(await handshake(createCa('other-ca').certPem)).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    } finally {
      await new Promise<void>((r) => tls.close(() => r()));
    }
  });
});
