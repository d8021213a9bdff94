/**
 * service.PortNameAnalyzer: Service ports should declare their protocol by name prefix or appProtocol
 * (IST0118); an ExternalName Service whose port is unnamed or plain TCP may have its traffic stopped (IST0150).
 * As Istio: Kubernetes' own namespaces, the control plane's Services (an `istio` label, `release: istio`) and
 * the Services Istio's gateway controllers manage are left alone.
 */
import { K } from '../kinds.js';
import { num, records, str } from '../fields.js';
import { M } from '../messages/index.js';
import { isControlPlaneResource, isSystemNamespace, servicePortProtocol } from '../protocols.js';
import type { Analyzer } from '../types.js';

export const servicePortName: Analyzer = {
  meta: {
    name: 'service.PortNameAnalyzer',
    description: 'Checks that Service port names or appProtocol declare the protocol',
    inputs: [K.Service],
  },
  analyze(ctx) {
    for (const svc of ctx.all(K.Service)) {
      if (isSystemNamespace(svc.namespace, '') || isControlPlaneResource(svc.labels) || svc.labels['gateway.istio.io/managed'] !== undefined) continue;
      const externalName = str(svc.spec.type) === 'ExternalName';
      for (const [port, i] of records(svc.spec.ports)) {
        const name = str(port.name) ?? '';
        const number = num(port.port) ?? 0;
        const protocol = servicePortProtocol({ port: number, name, protocol: str(port.protocol), appProtocol: str(port.appProtocol) });
        const path = ['spec', 'ports', i, port.name === undefined ? 'port' : 'name'];
        if (externalName) {
          if (name === '' || protocol === undefined || protocol === 'tcp') ctx.report({ resource: svc, path, message: M.ExternalNameServiceTypeInvalidPortName() });
          continue;
        }
        if (protocol !== undefined) continue;
        const target = port.targetPort === undefined ? String(number) : String(port.targetPort);
        ctx.report({ resource: svc, path, message: M.PortNameIsNotUnderNamingConvention(name, number, target) });
      }
    }
  },
};
