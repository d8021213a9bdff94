/**
 * Certificates and keys for the real control plane, minted at start with node:crypto (../certs.ts) and
 * written into the cluster's data folder (deleted when the cluster stops): one CA; the API server's serving
 * certificate (127.0.0.1, localhost and the in-cluster names); client certificates for the admin user
 * (group system:masters) and the controller manager; the service-account signing key pair; and, on demand,
 * serving certificates for simulated webhook servers (`*.<namespace>.svc`). Test-only keys, never printed.
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCa, issueCert, type CertKeyPair, type LeafOptions } from '../certs.js';

export interface CertPair extends CertKeyPair {
  /** File paths of the PEMs. */
  cert: string;
  key: string;
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

function save(dir: string, name: string, pair: CertKeyPair): CertPair {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  writeFileSync(cert, pair.certPem);
  writeFileSync(key, pair.keyPem, { mode: 0o600 });
  return { ...pair, cert, key };
}

export function mintPki(dir: string): Pki {
  const authority = createCa('sailctl-real-cluster-ca', 30);
  const ca = save(dir, 'ca', authority);
  const leaf = (name: string, options: LeafOptions) => save(dir, name, issueCert(authority, options, 30));
  const apiserver = leaf('apiserver', {
    commonName: 'kube-apiserver',
    usage: 'server',
    altNames: ['127.0.0.1', '10.96.0.1', 'localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'],
  });
  const admin = leaf('admin', { commonName: 'sailctl-admin', organization: 'system:masters', usage: 'client' });
  const controllerManager = leaf('controller-manager', { commonName: 'system:kube-controller-manager', usage: 'client' });
  const sa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const serviceAccountKey = join(dir, 'sa.key');
  const serviceAccountPub = join(dir, 'sa.pub');
  writeFileSync(serviceAccountKey, sa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 });
  writeFileSync(serviceAccountPub, sa.publicKey.export({ type: 'spki', format: 'pem' }) as string);
  const webhooks = new Map<string, CertPair>();
  return {
    dir,
    ca,
    apiserver,
    admin,
    controllerManager,
    serviceAccountKey,
    serviceAccountPub,
    webhookServing(namespace) {
      let found = webhooks.get(namespace);
      if (!found) {
        found = leaf(`webhook-${namespace}`, { commonName: `*.${namespace}.svc`, usage: 'server', altNames: [`*.${namespace}.svc`, `*.${namespace}.svc.cluster.local`] });
        webhooks.set(namespace, found);
      }
      return found;
    },
  };
}
