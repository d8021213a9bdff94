/** Safe reads of untrusted Envoy JSON, and Istio's config references in resource metadata. */
import type { Json } from './dump.js';

export function rec(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function recs(v: unknown): Json[] {
  return arr(v).map(rec).filter((x): x is Json => x !== undefined);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
}

/**
 * istiod records the Istio resource a piece of config came from in `metadata.filterMetadata.istio.config`
 * (`/apis/networking.istio.io/v1/namespaces/shop/destination-rule/reviews`): returns `reviews.shop`, or ''.
 */
export function istioConfigRef(config: Json, kind: string): string {
  const ref = str(rec(rec(rec(config.metadata)?.filterMetadata)?.istio)?.config);
  if (!ref) return '';
  const m = new RegExp(`/namespaces/([^/]+)/${kind}/([^/]+)$`).exec(ref);
  return m ? `${m[2]}.${m[1]}` : '';
}

/** `{socketAddress: {address, portValue}}` -> `[address, port]`. */
export function socketAddress(v: unknown): { address: string; port: number | undefined } {
  const sa = rec(rec(v)?.socketAddress);
  return { address: str(sa?.address) ?? '', port: num(sa?.portValue) };
}

const KEY_FIELDS = new Set(['privateKey', 'password', 'privateKeyProvider']);
const BODY_FIELDS = new Set(['certificateChain', 'trustedCa', 'ocspStaple', 'crl']);

/**
 * A copy without key material: private keys, passwords and inline certificate bodies are replaced by a
 * marker. Everything sailctl prints from a config dump goes through this first.
 */
export function withoutKeyMaterial(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutKeyMaterial);
  const r = rec(value);
  if (!r) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(r)) {
    if (KEY_FIELDS.has(k)) out[k] = '[omitted by sailctl]';
    else if (BODY_FIELDS.has(k) && rec(v) && (rec(v)?.inlineBytes !== undefined || rec(v)?.inlineString !== undefined)) out[k] = { inlineBytes: '[omitted by sailctl]' };
    else out[k] = withoutKeyMaterial(v);
  }
  return out;
}
