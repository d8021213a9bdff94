/** The message catalogue: every type by code, and the typed constructors analyzers use (`M.ReferencedResourceNotFound(...)`). */
import * as catalogue from './catalogue.js';
import type { MessageType } from './define.js';

export * as M from './catalogue.js';
export { documentationUrl, LEVEL_RANK, type Level, type MessageBody, type MessageType, type ArgSpec } from './define.js';

/** All message types, sorted by code. */
export const MESSAGE_TYPES: readonly MessageType[] = Object.values(catalogue)
  .map((c) => c.type)
  .sort((a, b) => a.code.localeCompare(b.code));

const BY_CODE = new Map(MESSAGE_TYPES.map((t) => [t.code, t]));

/** Case-insensitive: `ist0101` and `IST0101` both work. */
export function messageType(code: string): MessageType | undefined {
  return BY_CODE.get(code.toUpperCase());
}
