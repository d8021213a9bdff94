/**
 * conditions.ConditionAnalyzer: status conditions in which the control plane says a resource failed are surfaced
 * as IST0171, so problems istiod already found show up in `analyze` too. Read on the kinds Istio writes such
 * conditions to (Services, ServiceEntries, WorkloadEntries, AuthorizationPolicies, Gateway API Gateways and
 * routes): an Istio or Gateway API condition type with status False, or any condition whose reason is
 * PartiallyInvalid. Conditions of other controllers (e.g. Argo CD's) are left alone.
 */
import { records, str } from '../fields.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';

/** Condition types Istio and the Gateway API write, besides the `istio.io/...` ones. */
const KNOWN_TYPES = new Set(['Accepted', 'Programmed', 'ResolvedRefs', 'Reconciled', 'Ready', 'Healthy', 'ZtunnelAccepted', 'WaypointAccepted']);

const KINDS = [K.Service, K.ServiceEntry, K.WorkloadEntry, K.AuthorizationPolicy, K.KubeGateway, K.HTTPRoute, K.GRPCRoute];

function negative(type: string, status: string | undefined, reason: string | undefined): boolean {
  if (reason === 'PartiallyInvalid') return true;
  return status === 'False' && (type.startsWith('istio.io/') || KNOWN_TYPES.has(type));
}

export const conditions: Analyzer = {
  meta: {
    name: 'conditions.ConditionAnalyzer',
    description: 'Reports status conditions in which the control plane says a resource failed',
    inputs: KINDS,
  },
  analyze(ctx) {
    for (const kind of KINDS) {
      for (const r of ctx.all(kind)) {
        const status = r.object.status;
        if (status === null || typeof status !== 'object') continue;
        const lists: Array<[unknown, Array<string | number>]> = [[(status as Record<string, unknown>).conditions, ['status', 'conditions']]];
        // Gateway API route statuses nest conditions per parent.
        for (const [parent, i] of records((status as Record<string, unknown>).parents)) lists.push([parent.conditions, ['status', 'parents', i, 'conditions']]);
        for (const [list, prefix] of lists) {
          for (const [c, i] of records(list)) {
            const type = str(c.type);
            if (!type || !negative(type, str(c.status), str(c.reason))) continue;
            ctx.report({ resource: r, path: [...prefix, i], message: M.NegativeConditionStatus(type, str(c.reason) ?? '', str(c.message) ?? '') });
          }
        }
      }
    }
  },
};
