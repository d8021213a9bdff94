/**
 * Last line of defence against printing credentials: bearer tokens, JWTs, PEM private keys and
 * certificate blocks, and `token:`/`client-key-data:`-style fields are masked in any text we print.
 */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[REDACTED PRIVATE KEY]'],
  [/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [REDACTED]'],
  [/\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/g, '[REDACTED JWT]'],
  [
    /((?:token|password|client-key-data|client-key|client-certificate-data|id-token|refresh-token|access-token|secret)["']?\s*[:=]\s*["']?)([^\s"',}]{4,})/gi,
    '$1[REDACTED]',
  ],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
