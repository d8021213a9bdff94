/**
 * virtualservice.DestinationHostAnalyzer: each route destination names a known Service or ServiceEntry host
 * (IST0101 "host"), a port it exposes (IST0101 "host+port"), and a port at all when the Service has several
 * (IST0112).
 */
import { combineAnalyzers } from '../combine.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import { destinations } from '../routes.js';
import { ServiceIndex } from '../services.js';
import type { Analyzer } from '../types.js';
import { virtualServiceIngressSubset } from './virtualservice-ingress-subset.js';

/** The destination checks alone (IST0101, IST0112). */
export const virtualServiceDestinationChecks: Analyzer = {
  meta: {
    name: 'virtualservice.DestinationHostAnalyzer',
    description: 'Checks that VirtualService destinations name known hosts and ports',
    inputs: [K.VirtualService, K.Service, K.ServiceEntry],
  },
  analyze(ctx) {
    const services = new ServiceIndex(ctx);
    for (const vs of ctx.all(K.VirtualService)) {
      for (const d of destinations(vs)) {
        if (d.host.startsWith('*')) continue;
        const found = services.find(d.host, vs.namespace);
        if (found.length === 0) {
          ctx.report({ resource: vs, path: [...d.path, 'host'], message: M.ReferencedResourceNotFound('host', d.host) });
          continue;
        }
        const ports = [...new Set(found.flatMap((s) => s.ports.map((p) => p.number)))].sort((a, b) => a - b);
        const isKube = found.some((s) => s.resource.kindId === K.Service);
        if (d.port === undefined) {
          if (isKube && ports.length > 1) {
            ctx.report({
              resource: vs,
              path: d.path,
              message: M.VirtualServiceDestinationPortSelectorRequired(d.host, ports),
              related: found.map((s) => ({ resource: s.resource, path: ['spec', 'ports'], message: 'the ports of the service' })),
            });
          }
        } else if (ports.length > 0 && !ports.includes(d.port)) {
          ctx.report({
            resource: vs,
            path: [...d.path, 'port', 'number'],
            message: M.ReferencedResourceNotFound('host+port', `${d.host}:${d.port}`),
            related: found.map((s) => ({ resource: s.resource, path: ['spec', 'ports'], message: 'the ports of the service' })),
          });
        }
      }
    }
  },
};

/** Istio's virtualservice.DestinationHostAnalyzer. */
export const virtualServiceDestinationHost: Analyzer = combineAnalyzers(
  {
    name: 'virtualservice.DestinationHostAnalyzer',
    description: 'Checks VirtualService destinations: known hosts, ports where needed, and subset routing that gateway traffic bypasses',
    aliases: ['virtualservice.IngressRouteRulesAnalyzer'],
  },
  [virtualServiceDestinationChecks, virtualServiceIngressSubset],
);
