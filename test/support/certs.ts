/**
 * Test certificates minted in-process with node:crypto (no openssl CLI): a P-256 key pair and an X.509 v3
 * certificate, DER-encoded here and signed with ECDSA-SHA256. Enough for CAs, server certificates (SANs) and
 * client certificates that Node's TLS, Go (kubectl) and @kubernetes/client-node accept. Test-only keys.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';

export interface CertKeyPair {
  certPem: string;
  keyPem: string;
}

export interface CertificateAuthority extends CertKeyPair {
  name: string;
  key: KeyObject;
  keyId: Buffer;
}

export interface LeafOptions {
  /** Subject common name. */
  commonName: string;
  /** Subject organization (for Kubernetes client certificates: the user's group, e.g. system:masters). */
  organization?: string;
  /** Subject alternative names: IP addresses and DNS names. */
  altNames?: string[];
  usage: 'server' | 'client';
}

const DAY_MS = 24 * 3600 * 1000;

// --- DER (X.690) ---------------------------------------------------------------------------------------------

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer, unused = 0) => tlv(0x03, Buffer.concat([Buffer.from([unused]), b]));
const explicit = (n: number, inner: Buffer) => tlv(0xa0 + n, inner);
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));

function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0 && (b[i + 1] as number) < 0x80) i++;
  const v = b.subarray(i);
  return tlv(0x02, (v[0] as number) >= 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

const name = (commonName: string, organization?: string) =>
  seq(...(organization ? [set(seq(oid('2.5.4.10'), tlv(0x0c, Buffer.from(organization))))] : []), set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName)))));

/** A KeyUsage BIT STRING from bit numbers (0 = digitalSignature, 5 = keyCertSign, 6 = cRLSign). */
function keyUsage(...bitNumbers: number[]): Buffer {
  const byte = bitNumbers.reduce((acc, n) => acc | (0x80 >> n), 0);
  let unused = 0;
  while (unused < 7 && !(byte & (1 << unused))) unused++;
  return bits(Buffer.from([byte]), unused);
}

const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

function generalName(altName: string): Buffer {
  const family = isIP(altName);
  if (family === 4) return tlv(0x87, Buffer.from(altName.split('.').map(Number)));
  if (family !== 0) throw new Error(`test certificates: only IPv4 addresses are supported in SANs, not ${altName}`);
  return tlv(0x82, Buffer.from(altName, 'ascii'));
}

// --- Certificates ----------------------------------------------------------------------------------------------

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

function pem(label: string, der: Buffer): string {
  return `-----BEGIN ${label}-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

interface Issuer {
  name: string;
  key: KeyObject;
  keyId: Buffer;
}

function mint(subject: string, issuer: Issuer | 'self', validDays: number, extensions: (keyId: Buffer) => Buffer[], organization?: string): CertificateAuthority {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const keyId = createHash('sha1').update(spki).digest();
  const signer: Issuer = issuer === 'self' ? { name: subject, key: privateKey, keyId } : issuer;
  const serial = randomBytes(16);
  serial[0] = ((serial[0] as number) & 0x7f) | 0x01;
  const now = Date.now();
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    ECDSA_SHA256,
    name(signer.name),
    seq(time(new Date(now - 3600_000)), time(new Date(now + validDays * DAY_MS))),
    name(subject, organization),
    spki,
    explicit(3, seq(...extensions(keyId), extension('2.5.29.35', false, seq(tlv(0x80, signer.keyId))))),
  );
  const certificate = seq(tbs, ECDSA_SHA256, bits(sign('sha256', tbs, signer.key)));
  return {
    name: subject,
    key: privateKey,
    keyId,
    certPem: pem('CERTIFICATE', certificate),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}

/** A self-signed CA (basicConstraints CA:TRUE, keyCertSign). */
export function createCa(commonName: string, validDays = 36_500): CertificateAuthority {
  return mint(commonName, 'self', validDays, (keyId) => [
    extension('2.5.29.19', true, seq(bool(true))),
    extension('2.5.29.15', true, keyUsage(5, 6)),
    extension('2.5.29.14', false, octets(keyId)),
  ]);
}

/** A server or client certificate issued by `ca`. */
export function issueCert(ca: CertificateAuthority, options: LeafOptions, validDays = 36_500): CertKeyPair {
  const { certPem, keyPem } = mint(options.commonName, ca, validDays, (keyId) => [
    extension('2.5.29.19', true, seq()),
    extension('2.5.29.15', true, keyUsage(0)),
    extension('2.5.29.37', false, seq(oid(options.usage === 'server' ? SERVER_AUTH : CLIENT_AUTH))),
    extension('2.5.29.14', false, octets(keyId)),
    ...(options.altNames?.length ? [extension('2.5.29.17', false, seq(...options.altNames.map(generalName)))] : []),
  ], options.organization);
  return { certPem, keyPem };
}
