/**
 * conditions.ConditionAnalyzer: a status condition that reports failure (`Accepted`, `Programmed`,
 * `ResolvedRefs`, `Reconciled`, `Ready`, `Healthy` with status False) is surfaced as IST0171, so problems the
 * control plane already found show up in `analyze` too.
 */
import { records, str } from '../fields.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';

const POSITIVE = new Set(['Accepted', 'Programmed', 'ResolvedRefs', 'Reconciled', 'Ready', 'Healthy']);

const KINDS = [
  K.DestinationRule,
  K.Gateway,
  K.ServiceEntry,
  K.Sidecar,
  K.VirtualService,
  K.WorkloadEntry,
  K.AuthorizationPolicy,
  K.PeerAuthentication,
  K.RequestAuthentication,
  K.Telemetry,
  K.WasmPlugin,
  K.GatewayClass,
  K.KubeGateway,
  K.HTTPRoute,
  K.GRPCRoute,
  K.TCPRoute,
  K.TLSRoute,
];

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
            if (!type || !POSITIVE.has(type) || str(c.status) !== 'False') continue;
            ctx.report({ resource: r, path: [...prefix, i], message: M.NegativeConditionStatus(type, str(c.reason) ?? '', str(c.message) ?? '') });
          }
        }
      }
    }
  },
};
