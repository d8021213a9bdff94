/**
 * gateway.SecretAnalyzer: a Gateway's credentialName must name a Secret in the namespace of the gateway pods
 * (IST0101 "credentialName"), and that Secret must hold a usable certificate and key (IST0161).
 */
import { checkServerCredential } from '../certificates.js';
import { K } from '../kinds.js';
import { gatewaySelector, gatewayServers } from '../gateway-servers.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';

export const gatewaySecret: Analyzer = {
  meta: {
    name: 'gateway.SecretAnalyzer',
    description: 'Checks that Gateway TLS credentials exist next to the gateway pods and are valid',
    inputs: [K.Gateway, K.Pod, K.Secret],
  },
  analyze(ctx) {
    for (const gw of ctx.all(K.Gateway)) {
      const servers = gatewayServers(gw).filter((s) => s.credentials.length > 0);
      if (servers.length === 0) continue;
      const selector = gatewaySelector(gw);
      const pods = Object.keys(selector).length > 0 ? ctx.withLabels(K.Pod, undefined, selector) : [];
      // Istio reads the secret where the gateway runs; with no pod known, the Gateway's own namespace.
      const namespaces = [...new Set(pods.length > 0 ? pods.map((p) => p.namespace) : [gw.namespace])];
      for (const server of servers) {
        for (const cred of server.credentials) {
          if (cred.name.includes('://') || cred.name.includes('/')) continue; // sds:// and cross-namespace references
          for (const ns of namespaces) {
            const secret = ctx.get(K.Secret, ns, cred.name) ?? ctx.get(K.Secret, ns, `${cred.name}-cacert`);
            if (!secret) {
              if (ctx.complete) ctx.report({ resource: gw, path: cred.path, message: M.ReferencedResourceNotFound('credentialName', cred.name) });
              continue;
            }
            if (checkServerCredential(secret, ctx.now) !== 'ok') {
              ctx.report({
                resource: gw,
                path: cred.path,
                message: M.InvalidGatewayCredential(gw.name, gw.namespace),
                related: [{ resource: secret, message: 'the credential Secret (its content is never printed)' }],
              });
            }
          }
        }
      }
    }
  },
};
