/** JSON printer: two-space indentation and a final newline, key order as given (callers sort). */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Newline-delimited JSON: one compact value per line (progress events). */
export function formatJsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
