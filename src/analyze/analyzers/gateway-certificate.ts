/**
 * gateway.CertificateAnalyzer: Gateways served by the same workload should not share one certificate: clients
 * that reuse an HTTP/2 connection for another host of that certificate can get 404s (IST0138).
 */
import { K } from '../kinds.js';
import { gatewayServers, selectorText } from '../gateway-servers.js';
import { M } from '../messages/index.js';
import type { Analyzer, PathSegment, Resource } from '../types.js';

export const gatewayCertificate: Analyzer = {
  meta: {
    name: 'gateway.CertificateAnalyzer',
    description: 'Checks for one certificate used by several Gateways on the same workload',
    inputs: [K.Gateway],
  },
  analyze(ctx) {
    const groups = new Map<string, Array<{ gw: Resource; path: PathSegment[] }>>();
    for (const gw of ctx.all(K.Gateway)) {
      const selector = selectorText(gw);
      const seen = new Set<string>();
      for (const server of gatewayServers(gw)) {
        if (server.tlsMode === 'PASSTHROUGH' || server.tlsMode === 'AUTO_PASSTHROUGH') continue;
        const certs = [
          ...server.credentials.map((c) => ({ id: `credential ${c.name}`, path: c.path })),
          ...(server.serverCertificate ? [{ id: `file ${server.serverCertificate} ${server.privateKey ?? ''}`, path: [...server.path, 'tls', 'serverCertificate'] }] : []),
        ];
        for (const cert of certs) {
          const key = `${selector}\u0000${cert.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          groups.set(key, [...(groups.get(key) ?? []), { gw, path: cert.path }]);
        }
      }
    }
    // As Istio reports it: one message per Gateway and other Gateway it shares a certificate with.
    const reported = new Set<string>();
    for (const members of groups.values()) {
      for (const m of members) {
        for (const o of members) {
          const pair = `${m.gw.key}\u0000${o.gw.key}`;
          if (o.gw === m.gw || reported.has(pair)) continue;
          reported.add(pair);
          ctx.report({
            resource: m.gw,
            path: m.path,
            message: M.GatewayDuplicateCertificate([`${m.gw.namespace}/${m.gw.name}`, `${o.gw.namespace}/${o.gw.name}`]),
            related: [{ resource: o.gw, path: o.path, message: 'uses the same certificate' }],
          });
        }
      }
    }
  },
};
