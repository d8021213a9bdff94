/**
 * serviceentry.Analyzer: a ServiceEntry whose ports are TCP (or have no protocol) needs `addresses`, unless IP
 * auto-allocation gives it one (IST0134): without a VIP, TCP traffic to such hosts cannot be told apart.
 */
import { arr, rec, records, str } from '../fields.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';

export const serviceEntryAddresses: Analyzer = {
  meta: {
    name: 'serviceentry.Analyzer',
    description: 'Checks that ServiceEntries with TCP or unset-protocol ports have addresses',
    inputs: [K.ServiceEntry],
  },
  analyze(ctx) {
    const metadata = rec(rec(ctx.mesh.meshConfig.defaultConfig).proxyMetadata);
    if (str(metadata.ISTIO_META_DNS_AUTO_ALLOCATE) === 'true') return;
    for (const se of ctx.all(K.ServiceEntry)) {
      if (arr(se.spec.addresses).length > 0) continue;
      // Addresses allocated by istiod's IP auto-allocation controller appear in the status.
      if (arr(rec(se.object.status).addresses).length > 0) continue;
      for (const [port, i] of records(se.spec.ports)) {
        const protocol = str(port.protocol) ?? '';
        if (protocol !== '' && protocol.toUpperCase() !== 'TCP') continue;
        ctx.report({ resource: se, path: protocol ? ['spec', 'ports', i, 'protocol'] : ['spec', 'ports', i], message: M.ServiceEntryAddressesRequired() });
      }
    }
  },
};
