/**
 * How policy kinds (security, telemetry, extensions) choose the workloads they apply to: by labels
 * (`selector`) or by reference (`targetRef`, `targetRefs`), never both.
 */
import { cel, list } from '../schema/index.js';
import { LabelSelector, PolicyTargetReference } from './shared.js';

/** At most one of `selector`, `targetRef`, `targetRefs`. */
export const ONE_TARGETING_RULE = cel(
  '[has(self.selector), has(self.targetRef), has(self.targetRefs)].filter(x, x).size() <= 1',
  'set at most one of selector, targetRef and targetRefs',
);

/** Up to 16 references: Gateways, GatewayClasses, Services or ServiceEntries. */
export const TargetRefs = list(PolicyTargetReference, { maxItems: 16, description: 'Gateways, services or service entries the policy applies to.' });

/** The three targeting fields, as AuthorizationPolicy, RequestAuthentication, Telemetry and WasmPlugin declare them. */
export const TARGETING = { selector: LabelSelector, targetRef: PolicyTargetReference, targetRefs: TargetRefs };
