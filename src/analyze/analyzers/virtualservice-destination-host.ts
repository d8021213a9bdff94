/**
 * virtualservice.DestinationHostAnalyzer: each route (or mirror) destination names a Service or ServiceEntry host
 * visible to the VirtualService (IST0101 "host" / "mirror host"; exportTo respected), a port it exposes (IST0101
 * "host:port"), and a port at all when the service has several (IST0112).
 */
import { combineAnalyzers } from '../combine.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import { destinations } from '../routes.js';
import { type MeshService, ServiceIndex } from '../services.js';
import { strings } from '../fields.js';
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
      const exportTo = strings(vs.spec.exportTo).map(([e]) => e);
      for (const d of destinations(vs)) {
        const found = services.visible(d.host, vs.namespace, exportTo);
        if (found.length === 0) {
          ctx.report({ resource: vs, path: [...d.path, 'host'], message: M.ReferencedResourceNotFound(d.mirror ? 'mirror host' : 'host', d.host) });
          continue;
        }
        // As Istio: the first service found decides (a Service, or the ServiceEntry that defines the host).
        const service = found[0] as MeshService;
        const ports = service.ports.map((p) => p.number);
        const related = [{ resource: service.resource, path: ['spec', 'ports'], message: 'the ports of the service' }];
        if (d.port === undefined) {
          if (ports.length > 1) ctx.report({ resource: vs, path: d.path, message: M.VirtualServiceDestinationPortSelectorRequired(d.host, ports), related });
        } else if (!ports.includes(d.port)) {
          ctx.report({ resource: vs, path: [...d.path, 'port', 'number'], message: M.ReferencedResourceNotFound('host:port', `${d.host}:${d.port}`), related });
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
