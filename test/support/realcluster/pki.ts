/**
 * Certificates and keys for the real control plane, minted at start with the `openssl` CLI into the cluster's
 * data folder (deleted when the cluster stops): one CA; the API server's serving certificate (127.0.0.1,
 * localhost and the in-cluster names); client certificates for the admin user (system:masters) and the
 * controller manager; the service-account signing key pair; and, on demand, serving certificates for
 * simulated webhook servers (`*.<namespace>.svc`). Test-only keys, never printed.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CertPair {
  cert: string;
  key: string;
  certPem: string;
  keyPem: string;
}

export interface Pki {
  dir: string;
  ca: CertPair;
  apiserver: CertPair;
  admin: CertPair;
  controllerManager: CertPair;
  /** Service-account signing key pair (PEM file paths). */
  serviceAccountKey: string;
  serviceAccountPub: string;
  /** A serving certificate for `*.<namespace>.svc` (and `*.<namespace>.svc.cluster.local`), minted once per namespace. */
  webhookServing(namespace: string): CertPair;
}

function openssl(dir: string, args: string[]): void {
  try {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim() ?? '';
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(missing ? 'the real control plane needs the openssl CLI to mint its certificates, and it is not on PATH' : `openssl ${args[0] ?? ''} failed: ${stderr}`);
  }
}

function pair(dir: string, name: string): CertPair {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  return { cert, key, certPem: readFileSync(cert, 'utf8'), keyPem: readFileSync(key, 'utf8') };
}

/** Mints a key and a certificate signed by the CA in `dir`, with the given subject and extensions. */
function issue(dir: string, name: string, subject: string, ext: string): CertPair {
  writeFileSync(join(dir, `${name}.ext`), `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n${ext}\n`);
  openssl(dir, ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '30', '-extfile', `${name}.ext`]);
  return pair(dir, name);
}

export function mintPki(dir: string): Pki {
  openssl(dir, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '30',
    '-subj', '/CN=sailctl-real-cluster-ca', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const ca = pair(dir, 'ca');
  const apiserver = issue(dir, 'apiserver', '/CN=kube-apiserver', 'extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local');
  const admin = issue(dir, 'admin', '/O=system:masters/CN=sailctl-admin', 'extendedKeyUsage=clientAuth');
  const controllerManager = issue(dir, 'controller-manager', '/CN=system:kube-controller-manager', 'extendedKeyUsage=clientAuth');
  openssl(dir, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'sa.key']);
  openssl(dir, ['pkey', '-in', 'sa.key', '-pubout', '-out', 'sa.pub']);
  const webhooks = new Map<string, CertPair>();
  return {
    dir,
    ca,
    apiserver,
    admin,
    controllerManager,
    serviceAccountKey: join(dir, 'sa.key'),
    serviceAccountPub: join(dir, 'sa.pub'),
    webhookServing(namespace) {
      let found = webhooks.get(namespace);
      if (!found) {
        found = issue(dir, `webhook-${namespace}`, `/CN=*.${namespace}.svc`, `extendedKeyUsage=serverAuth\nsubjectAltName=DNS:*.${namespace}.svc,DNS:*.${namespace}.svc.cluster.local`);
        webhooks.set(namespace, found);
      }
      return found;
    },
  };
}
