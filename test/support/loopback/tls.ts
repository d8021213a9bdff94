/**
 * TLS material for the loopback API server: a CA and a server certificate (SAN IP 127.0.0.1, DNS localhost),
 * minted with the `openssl` CLI the first time they are needed and cached on disk under os.tmpdir() (and in
 * memory), so starting a server costs no key generation after the first start on a machine. Test-only keys.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
}

const CACHE_DIR = join(tmpdir(), 'sailctl-loopback-tls-v1');
let cached: TlsMaterial | undefined;

function readCache(dir: string): TlsMaterial | undefined {
  const files = ['ca.pem', 'server.pem', 'server-key.pem'].map((f) => join(dir, f));
  if (!files.every((f) => existsSync(f))) return undefined;
  const [caPem, certPem, keyPem] = files.map((f) => readFileSync(f, 'utf8')) as [string, string, string];
  return { caPem, certPem, keyPem };
}

function mint(dir: string): void {
  const run = (args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  writeFileSync(
    join(dir, 'server.ext'),
    'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' +
      'subjectAltName=IP:127.0.0.1,DNS:localhost\n',
  );
  run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca-key.pem',
    '-out', 'ca.pem', '-days', '36500', '-subj', '/CN=sailctl-loopback-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  run(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'server-key.pem',
    '-out', 'server.csr', '-subj', '/CN=sailctl-loopback']);
  run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial',
    '-out', 'server.pem', '-days', '36500', '-extfile', 'server.ext']);
}

/** Returns the cached CA + server pair, minting it once (atomically, safe across parallel test processes). */
export function loopbackTls(): TlsMaterial {
  if (cached) return cached;
  const fromDisk = readCache(CACHE_DIR);
  if (fromDisk) return (cached = fromDisk);
  const work = mkdtempSync(join(tmpdir(), 'sailctl-loopback-tls-'));
  try {
    mint(work);
    mkdirSync(join(CACHE_DIR, '..'), { recursive: true });
    try {
      renameSync(work, CACHE_DIR);
    } catch {
      // another process won the race; use its pair
    }
  } finally {
    if (existsSync(work)) rmSync(work, { recursive: true, force: true });
  }
  const material = readCache(CACHE_DIR);
  if (!material) throw new Error(`loopback API server: could not create TLS material in ${CACHE_DIR}`);
  return (cached = material);
}
