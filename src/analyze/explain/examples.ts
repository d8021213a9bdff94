/** All examples by code, merged from the per-area files. */
import type { Example } from './index.js';
import { VIRTUALSERVICE_EXAMPLES } from './examples-virtualservice.js';

export const EXAMPLES: Readonly<Record<string, Example>> = {
  ...VIRTUALSERVICE_EXAMPLES,
};
