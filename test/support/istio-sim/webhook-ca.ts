/**
 * istiod's CA patching, simulated: istiod writes its CA certificate into the `caBundle` of the webhooks that
 * point at its Service. fillCaBundles fills in missing caBundles (for webhooks whose Service exists) through
 * whatever writes to the cluster: the loopback store's seed, or a patch on a real API server. Test/demo only.
 */
import type { KubeObject } from '../../../src/kube/types.js';

export interface StoreAccess {
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[];
  get(ref: { apiVersion: string; kind: string; namespace?: string; name: string }): KubeObject | undefined;
  seed(objects: KubeObject[]): void;
}

/** A fixed, obviously fake PEM, base64-encoded as caBundle is: for servers that never call the webhooks. */
export const FAKE_CA_PEM = '-----BEGIN CERTIFICATE-----\nc2FpbGN0bC10ZXN0LWNh\n-----END CERTIFICATE-----\n';

interface Webhook {
  clientConfig?: { caBundle?: string; service?: { name?: string; namespace?: string } };
}

export function fillCaBundles(store: StoreAccess, caPem = FAKE_CA_PEM): number {
  const caBundle = Buffer.from(caPem).toString('base64');
  let filled = 0;
  for (const kind of ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']) {
    for (const config of store.list('admissionregistration.k8s.io/v1', kind)) {
      const hooks = (config.webhooks as Webhook[] | undefined) ?? [];
      const missing = hooks.filter((w) => {
        const svc = w.clientConfig?.service;
        return !w.clientConfig?.caBundle && svc?.name && svc.namespace && store.get({ apiVersion: 'v1', kind: 'Service', namespace: svc.namespace, name: svc.name });
      });
      if (missing.length === 0) continue;
      const updated = structuredClone(config);
      for (const w of (updated.webhooks as Webhook[]) ?? []) if (missing.some((m) => m.clientConfig?.service?.name === w.clientConfig?.service?.name)) w.clientConfig = { ...w.clientConfig, caBundle };
      store.seed([updated]);
      filled += missing.length;
    }
  }
  return filled;
}

/** Fills caBundles every `intervalMs` until the returned function is called. */
export function simulateIstiodCa(store: StoreAccess, intervalMs = 25, caPem = FAKE_CA_PEM): () => void {
  const timer = setInterval(() => {
    try {
      fillCaBundles(store, caPem);
    } catch {
      // The server may be closing; the next tick (if any) tries again.
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
