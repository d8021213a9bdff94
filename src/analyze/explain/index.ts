/**
 * `sailctl explain CODE`: what a message means, how to fix it, and (where written) a failing and a passing
 * example. Examples live beside each other by area; a test runs every example through the analyzers.
 */
import { messageType, type MessageType } from '../messages/index.js';
import { FIXES } from './fixes.js';
import { EXAMPLES } from './examples.js';

export interface Example {
  /** YAML that produces the code with `--use-kube=false` (plus `--snapshot` when `snapshot` is set). */
  failing: string;
  /** The same config, fixed. */
  passing: string;
  /** The example is a whole cluster state (analyze it with --snapshot). */
  snapshot?: boolean;
}

export interface Explanation {
  type: MessageType;
  fix: string;
  example?: Example;
}

export function explain(code: string): Explanation | undefined {
  const type = messageType(code.trim());
  if (!type) return undefined;
  const example = EXAMPLES[type.code];
  return { type, fix: FIXES[type.code] ?? '', ...(example ? { example } : {}) };
}
