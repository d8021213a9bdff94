/**
 * A debug document (istiod's syncz or config dump, Envoy's config dump or clusters) that cannot be read.
 * Carries what was wrong; the command names the pod it came from and maps it to an exit code.
 */
export class MalformedDocumentError extends Error {
  constructor(
    /** What the document was meant to be, e.g. `syncz`. */
    readonly document: string,
    /** What is wrong, e.g. `resources[3].node.id is missing`. */
    readonly problem: string,
  ) {
    super(`malformed ${document}: ${problem}`);
    this.name = 'MalformedDocumentError';
  }
}

/** JSON.parse that reports malformed text as a MalformedDocumentError (with the parser's position). */
export function parseJsonDocument(text: string, document: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const start = text.trimStart().slice(0, 40).replace(/\s+/g, ' ');
    throw new MalformedDocumentError(document, `not JSON (${reason}); it starts with "${start}"`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
