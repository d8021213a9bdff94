/**
 * k8sgateway.SelectorAnalyzer: a workload selector that picks the pods of a Kubernetes Gateway
 * (`gateway.networking.k8s.io/gateway-name` label) has no effect on them (IST0166): policies attach to such
 * gateways through `targetRefs`.
 */
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';
import { policySelector } from '../workload-policies.js';

const GATEWAY_NAME = 'gateway.networking.k8s.io/gateway-name';
const POLICIES = [K.AuthorizationPolicy, K.RequestAuthentication, K.Telemetry, K.WasmPlugin];

export const k8sGatewaySelector: Analyzer = {
  meta: {
    name: 'k8sgateway.SelectorAnalyzer',
    description: 'Checks for policies that select Kubernetes Gateway pods by label instead of targetRefs',
    inputs: [...POLICIES, K.Pod],
  },
  analyze(ctx) {
    for (const kind of POLICIES) {
      for (const policy of ctx.all(kind)) {
        const selector = policySelector(policy);
        if (!selector) continue;
        const gateways = new Set<string>();
        for (const pod of ctx.withLabels(K.Pod, policy.namespace, selector.labels)) {
          const gw = pod.labels[GATEWAY_NAME];
          if (gw) gateways.add(gw);
        }
        for (const gw of [...gateways].sort()) ctx.report({ resource: policy, path: selector.path, message: M.IneffectiveSelector(gw) });
      }
    }
  },
};
