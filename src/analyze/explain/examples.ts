/** All examples by code, merged from the per-area files. */
import { GATEWAY_EXAMPLES } from './examples-gateway.js';
import { VIRTUALSERVICE_EXAMPLES } from './examples-virtualservice.js';
import { WORKLOAD_EXAMPLES } from './examples-workloads.js';
import type { Example } from './index.js';

export const EXAMPLES: Readonly<Record<string, Example>> = {
  ...GATEWAY_EXAMPLES,
  ...VIRTUALSERVICE_EXAMPLES,
  ...WORKLOAD_EXAMPLES,
};
