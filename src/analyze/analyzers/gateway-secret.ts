/**
 * gateway.SecretAnalyzer: a Gateway with TLS credentials must select gateway pods (IST0101 "selector"); its
 * credentialName must name a Secret in the namespace of those pods (IST0101 "credentialName"), and that Secret must
 * hold a certificate and its private key (IST0161).
 */
import { checkServerCredential } from '../certificates.js';
import { K } from '../kinds.js';
import { gatewaySelector, gatewayServers, selectorText } from '../gateway-servers.js';
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
      // Istio reads the secret where the gateway runs: the namespace of the (first) pod the selector matches.
      const pod = ctx.withLabels(K.Pod, undefined, gatewaySelector(gw))[0];
      if (!pod) {
        if (ctx.complete) ctx.report({ resource: gw, path: ['spec', 'selector'], message: M.ReferencedResourceNotFound('selector', selectorText(gw)) });
        continue;
      }
      for (const server of servers) {
        for (const cred of server.credentials) {
          if (cred.name.includes('://')) continue; // sds:// and other providers
          const [ns, name] = cred.name.includes('/') ? (cred.name.split('/', 2) as [string, string]) : [pod.namespace, cred.name];
          const secret = ctx.get(K.Secret, ns, name);
          if (!secret) {
            if (ctx.complete) ctx.report({ resource: gw, path: cred.path, message: M.ReferencedResourceNotFound('credentialName', cred.name) });
            continue;
          }
          // As Istio: a certificate and a key must be there and parse; expiry is not judged here.
          if (checkServerCredential(secret, 0) !== 'ok') {
            ctx.report({
              resource: gw,
              path: cred.path,
              message: M.InvalidGatewayCredential(gw.name, pod.namespace),
              related: [{ resource: secret, message: 'the credential Secret (its content is never printed)' }],
            });
          }
        }
      }
    }
  },
};
