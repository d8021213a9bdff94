/**
 * HTTPS with kubeconfig TLS material: certificate-authority-data is trusted, a wrong CA is a clear TLS
 * failure, and client certificates are presented. Certificates are minted in-process (test/support/certs.ts,
 * node:crypto): these tests need no openssl CLI and always run.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, issueCert } from '../../test/support/certs.js';
import { createKubeClient } from './client.js';
import { KubeConfigFieldError, KubeUnreachableError } from './errors.js';

describe('TLS from the kubeconfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sailctl-tls-'));
  const f = (name: string) => join(dir, name);
  const b64 = (name: string) => readFileSync(f(name)).toString('base64');
  let server: Server;
  let url: string;
  const clientNames: string[] = [];

  beforeAll(async () => {
    const ca = createCa('ca', 2);
    const serverPair = issueCert(ca, { commonName: 'localhost', altNames: ['127.0.0.1', 'localhost'], usage: 'server' }, 2);
    const clientPair = issueCert(ca, { commonName: 'sailctl-admin', usage: 'client' }, 2);
    writeFileSync(f('ca.crt'), ca.certPem);
    writeFileSync(f('other-ca.crt'), createCa('other-ca', 2).certPem);
    writeFileSync(f('client.crt'), clientPair.certPem);
    writeFileSync(f('client.key'), clientPair.keyPem);
    server = createServer(
      { key: serverPair.keyPem, cert: serverPair.certPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: false },
      (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        clientNames.push(String(peer?.subject?.CN ?? '-'));
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ major: '1', minor: '32', gitVersion: 'v1.32.3' }));
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  function kubeconfig(name: string, ca: string, user: string): string {
    const path = f(name);
    writeFileSync(
      path,
      `clusters:\n- name: c\n  cluster:\n    server: ${url}\n    certificate-authority-data: ${b64(ca)}\n` +
        `users:\n- name: u\n  user:\n${user}\ncontexts:\n- name: tls\n  context: {cluster: c, user: u}\ncurrent-context: tls\n`,
    );
    return path;
  }

  it('trusts certificate-authority-data and presents the client certificate (relative file paths)', async () => {
    const path = kubeconfig('ok.yaml', 'ca.crt', '    client-certificate: client.crt\n    client-key: client.key');
    const client = await createKubeClient({ kubeconfig: path, timeoutMs: 2_000, env: {} });
    expect((await client.serverVersion()).gitVersion).toBe('v1.32.3');
    expect(clientNames.at(-1)).toBe('sailctl-admin');
  });

  it('a server certificate from another CA is a TLS failure naming the server, without key material', async () => {
    const path = kubeconfig('wrong.yaml', 'other-ca.crt', `    client-key-data: ${b64('client.key')}\n    client-certificate-data: ${b64('client.crt')}`);
    const client = await createKubeClient({ kubeconfig: path, timeoutMs: 2_000, env: {} });
    const err = await client.serverVersion().catch((e: Error) => e);
    expect(err).toBeInstanceOf(KubeUnreachableError);
    expect((err as Error).message).toMatch(new RegExp(`^cannot reach the Kubernetes API server at ${url.replace(/[.]/g, '\\.')} \\(context "tls"\\): TLS handshake failed \\(`));
    const text = JSON.stringify({ m: (err as Error).message, c: String((err as { cause?: unknown }).cause), s: (err as Error).stack });
    expect(text).not.toContain(b64('client.key').slice(0, 40));
    expect(text).not.toContain('PRIVATE KEY');
  });

  it.each([
    ['client-key-data', () => `    client-key-data: ${Buffer.from('not a key, secret-value-123').toString('base64')}\n    client-certificate-data: ${b64('client.crt')}`, 'private key'],
    ['client-certificate-data', () => `    client-certificate-data: c2VjcmV0LXZhbHVlLTEyMw==`, 'certificate'],
  ])('a malformed %s is exit 78 naming the field, never its value', async (field, user, pem) => {
    const path = kubeconfig(`bad-${field}.yaml`, 'ca.crt', user());
    const err = await createKubeClient({ kubeconfig: path, timeoutMs: 2_000, env: {} }).then((c) => c.serverVersion()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeConfigFieldError);
    expect((err as KubeConfigFieldError).exitCode).toBe(78);
    expect((err as Error).message).toBe(`kubeconfig user "u": ${field} is not a valid base64-encoded PEM ${pem}`);
    expect(JSON.stringify({ m: (err as Error).message, s: (err as Error).stack })).not.toMatch(/secret-value|c2VjcmV0/);
  });
});
