/**
 * The registry of Istio kinds sailctl knows: CRDs, validators and `validate` are generated from this list.
 * Add a kind with one line (keep alphabetical by group, then kind).
 */
import type { KindDefinition } from '../schema/index.js';
import { DestinationRule } from './destinationrule.js';
import { Gateway } from './gateway.js';
import { EnvoyFilter, ProxyConfig, Sidecar } from './sidecar.js';
import { VirtualService } from './virtualservice.js';
import { ServiceEntry, WorkloadEntry, WorkloadGroup } from './workloads.js';

export const KINDS: readonly KindDefinition[] = [
  // networking.istio.io
  DestinationRule,
  EnvoyFilter,
  Gateway,
  ProxyConfig,
  ServiceEntry,
  Sidecar,
  VirtualService,
  WorkloadEntry,
  WorkloadGroup,
  // security.istio.io (part B)
  // telemetry.istio.io (part B)
  // extensions.istio.io (part B)
];
