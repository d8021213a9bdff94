/**
 * externalcontrolplane.ExternalControlPlaneAnalyzer: with an external control plane, Istio's webhooks reach
 * istiod through `clientConfig.url`. The URL must be set and valid (IST0163), and should use a host name rather
 * than an IP address (IST0164). (Whether the name resolves is not checked: analysis makes no network calls.)
 */
import { rec, records, str } from '../fields.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer, Resource } from '../types.js';

/** Istio's webhook configurations, by the names its charts give them. */
function isIstioWebhookConfig(r: Resource): boolean {
  return r.name === 'istiod-default-validator' || r.name.startsWith('istio-validator') || r.name.startsWith('istio-sidecar-injector');
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export const externalControlPlane: Analyzer = {
  meta: {
    name: 'externalcontrolplane.ExternalControlPlaneAnalyzer',
    description: 'Checks the webhook URLs that reach an external control plane',
    inputs: [K.MutatingWebhookConfiguration, K.ValidatingWebhookConfiguration],
  },
  analyze(ctx) {
    for (const kind of [K.MutatingWebhookConfiguration, K.ValidatingWebhookConfiguration]) {
      for (const config of ctx.all(kind)) {
        if (!isIstioWebhookConfig(config)) continue;
        for (const [hook, i] of records(config.object.webhooks)) {
          const clientConfig = rec(hook.clientConfig);
          const name = str(hook.name) ?? `#${i}`;
          if (clientConfig.service !== undefined) continue; // in-cluster istiod
          const url = str(clientConfig.url) ?? '';
          const path = ['webhooks', i, 'clientConfig', ...(url ? ['url'] : [])];
          if (url === '') {
            ctx.report({ resource: config, path, message: M.InvalidExternalControlPlaneConfig('', name, 'is blank') });
            continue;
          }
          let host: string;
          try {
            const parsed = new URL(url);
            if (parsed.protocol !== 'https:') {
              ctx.report({ resource: config, path, message: M.InvalidExternalControlPlaneConfig(url, name, 'does not use https') });
              continue;
            }
            host = parsed.hostname;
          } catch {
            ctx.report({ resource: config, path, message: M.InvalidExternalControlPlaneConfig(url, name, 'is not a valid URL') });
            continue;
          }
          if (IPV4.test(host) || host.startsWith('[')) ctx.report({ resource: config, path, message: M.ExternalControlPlaneAddressIsNotAHostname(host, name) });
        }
      }
    }
  },
};
