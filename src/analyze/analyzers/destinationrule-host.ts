/** destinationrule.HostAnalyzer: a DestinationRule's host should match a Service or ServiceEntry (IST0174). */
import { K } from '../kinds.js';
import { str } from '../fields.js';
import { M } from '../messages/index.js';
import { ServiceIndex } from '../services.js';
import type { Analyzer } from '../types.js';

export const destinationRuleHost: Analyzer = {
  meta: {
    name: 'destinationrule.HostAnalyzer',
    description: 'Checks that DestinationRule hosts match a service in the mesh',
    inputs: [K.DestinationRule, K.Service, K.ServiceEntry],
  },
  analyze(ctx) {
    const services = new ServiceIndex(ctx);
    for (const dr of ctx.all(K.DestinationRule)) {
      const host = str(dr.spec.host);
      if (!host || host.startsWith('*')) continue;
      if (services.find(host, dr.namespace).length === 0) {
        ctx.report({ resource: dr, path: ['spec', 'host'], message: M.UnknownDestinationRuleHost(host) });
      }
    }
  },
};
