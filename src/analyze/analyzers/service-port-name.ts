/**
 * service.PortNameAnalyzer: Service ports should declare their protocol by name prefix or appProtocol
 * (IST0118); for ExternalName Services an undeclared protocol can stop traffic (IST0150).
 */
import { K } from '../kinds.js';
import { num, records, str } from '../fields.js';
import { M } from '../messages/index.js';
import { declaresProtocol, isSystemNamespace } from '../protocols.js';
import type { Analyzer } from '../types.js';

export const servicePortName: Analyzer = {
  meta: {
    name: 'service.PortNameAnalyzer',
    description: 'Checks that Service port names or appProtocol declare the protocol',
    inputs: [K.Service],
  },
  analyze(ctx) {
    for (const svc of ctx.all(K.Service)) {
      if (isSystemNamespace(svc.namespace, ctx.mesh.istioNamespace)) continue;
      const externalName = str(svc.spec.type) === 'ExternalName';
      for (const [port, i] of records(svc.spec.ports)) {
        const name = str(port.name) ?? '';
        if (declaresProtocol(name, str(port.appProtocol))) continue;
        const path = ['spec', 'ports', i, port.name === undefined ? 'port' : 'name'];
        if (externalName) {
          ctx.report({ resource: svc, path, message: M.ExternalNameServiceTypeInvalidPortName() });
          continue;
        }
        const number = num(port.port) ?? 0;
        const target = port.targetPort === undefined ? String(number) : String(port.targetPort);
        ctx.report({ resource: svc, path, message: M.PortNameIsNotUnderNamingConvention(name, number, target) });
      }
    }
  },
};
