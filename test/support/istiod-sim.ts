/**
 * Plays the one part of istiod that verify-install looks at and the loopback API server does not simulate:
 * istiod writes its CA certificate into the `caBundle` of the webhooks that point at its Service. Polls the
 * server's store and fills in missing caBundles (for webhooks whose Service exists). Test/demo fixture only.
 */
import type { KubeObject } from '../../src/kube/types.js';

export interface StoreAccess {
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[];
  get(ref: { apiVersion: string; kind: string; namespace?: string; name: string }): KubeObject | undefined;
  seed(objects: KubeObject[]): void;
}

/** A fixed, obviously fake PEM, base64-encoded as caBundle is. */
const FAKE_CA = Buffer.from('-----BEGIN CERTIFICATE-----\nc2FpbGN0bC10ZXN0LWNh\n-----END CERTIFICATE-----\n').toString('base64');

interface Webhook {
  clientConfig?: { caBundle?: string; service?: { name?: string; namespace?: string } };
}

export function fillCaBundles(store: StoreAccess): number {
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
      for (const w of (updated.webhooks as Webhook[]) ?? []) if (missing.some((m) => m.clientConfig?.service?.name === w.clientConfig?.service?.name)) w.clientConfig = { ...w.clientConfig, caBundle: FAKE_CA };
      store.seed([updated]);
      filled += missing.length;
    }
  }
  return filled;
}

/** Fills caBundles every `intervalMs` until the returned function is called. */
export function simulateIstiodCa(store: StoreAccess, intervalMs = 25): () => void {
  const timer = setInterval(() => {
    try {
      fillCaBundles(store);
    } catch {
      // The server may be closing; the next tick (if any) tries again.
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
