/**
 * The registry of Istio kinds sailctl knows: CRDs, validators and `validate` are generated from this list.
 * Add a kind with one line (keep alphabetical by group, then kind).
 */
import type { KindDefinition } from '../schema/index.js';
import { DestinationRule } from './destinationrule.js';
import { Gateway } from './gateway.js';
import { TrafficExtension, WasmPlugin } from './extensions.js';
import { AuthorizationPolicy, PeerAuthentication, RequestAuthentication } from './security.js';
import { EnvoyFilter, ProxyConfig, Sidecar } from './sidecar.js';
import { Telemetry } from './telemetry.js';
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
  // security.istio.io
  AuthorizationPolicy,
  PeerAuthentication,
  RequestAuthentication,
  // telemetry.istio.io
  Telemetry,
  // extensions.istio.io
  TrafficExtension,
  WasmPlugin,
];
