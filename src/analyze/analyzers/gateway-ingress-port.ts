/**
 * gateway.IngressGatewayPortAnalyzer: a Gateway's selector must match gateway pods (IST0101 "selector"), and
 * each server port must be a port of a Service in front of those pods (IST0162).
 */
import { K } from '../kinds.js';
import { num, records, str } from '../fields.js';
import { gatewaySelector, gatewayServers, selectorText } from '../gateway-servers.js';
import { M } from '../messages/index.js';
import { ServiceSelectorIndex } from '../services.js';
import type { Analyzer, Resource } from '../types.js';

/**
 * Ports a gateway Service reaches its pods on (TCP only): the numeric targetPort, and the port itself too, since
 * istiod translates a Gateway server on a Service port to that port's targetPort (port 80 -> 8080 on non-root pods).
 */
function podPorts(svc: Resource): number[] {
  return records(svc.spec.ports).flatMap(([p]) => {
    if ((str(p.protocol) ?? 'TCP') !== 'TCP') return [];
    return [num(p.targetPort), num(p.port)].filter((n): n is number => n !== undefined);
  });
}

export const gatewayIngressPort: Analyzer = {
  meta: {
    name: 'gateway.IngressGatewayPortAnalyzer',
    description: 'Checks that Gateway selectors match pods and that server ports are exposed by their Service',
    inputs: [K.Gateway, K.Pod, K.Service],
  },
  analyze(ctx) {
    const bySelector = new ServiceSelectorIndex(ctx);
    for (const gw of ctx.all(K.Gateway)) {
      // An empty selector selects every pod, as Kubernetes label selectors do.
      const pods = ctx.withLabels(K.Pod, undefined, gatewaySelector(gw));
      if (pods.length === 0) {
        if (ctx.complete) ctx.report({ resource: gw, path: ['spec', 'selector'], message: M.ReferencedResourceNotFound('selector', selectorText(gw)) });
        continue;
      }
      const services = new Map<string, Resource>();
      for (const pod of pods) for (const svc of bySelector.selecting(pod.namespace, pod.labels)) services.set(svc.key, svc);
      // Without the cluster, the Service may simply not be among the files.
      if (services.size === 0 && !ctx.complete) continue;
      const exposed = new Set([...services.values()].flatMap(podPorts));
      for (const server of gatewayServers(gw)) {
        if (server.port === undefined || exposed.has(server.port)) continue;
        ctx.report({
          resource: gw,
          path: [...server.path, 'port', 'number'],
          message: M.GatewayPortNotDefinedOnService(server.port, selectorText(gw)),
          related: [...services.values()].map((s) => ({ resource: s, path: ['spec', 'ports'], message: 'the ports of the gateway Service' })),
        });
      }
    }
  },
};
