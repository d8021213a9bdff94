/**
 * destinationrule.CaCertificateAnalyzer: TLS origination (SIMPLE/MUTUAL) without caCertificates does not
 * verify the server (IST0128 for the rule's policy, IST0129 for a port-level policy).
 */
import { K } from '../kinds.js';
import { num, rec, records, str } from '../fields.js';
import { M } from '../messages/index.js';
import type { Analyzer, PathSegment } from '../types.js';

/** The TLS mode when it originates TLS without a way to verify the server, else undefined. */
function unverifiedMode(tlsValue: unknown): string | undefined {
  const tls = rec(tlsValue);
  const mode = (str(tls.mode) ?? '').toUpperCase();
  if (mode !== 'SIMPLE' && mode !== 'MUTUAL') return undefined;
  if (str(tls.caCertificates) || str(tls.credentialName) || tls.insecureSkipVerify === true) return undefined;
  return mode;
}

export const destinationRuleCaCertificate: Analyzer = {
  meta: {
    name: 'destinationrule.CaCertificateAnalyzer',
    description: 'Checks that DestinationRules originating TLS set caCertificates to verify the server',
    inputs: [K.DestinationRule],
  },
  analyze(ctx) {
    for (const dr of ctx.all(K.DestinationRule)) {
      const host = str(dr.spec.host) ?? '';
      const policy = rec(dr.spec.trafficPolicy);
      const base: PathSegment[] = ['spec', 'trafficPolicy'];
      const mode = unverifiedMode(policy.tls);
      if (mode) ctx.report({ resource: dr, path: [...base, 'tls', 'mode'], message: M.NoServerCertificateVerificationDestinationLevel(dr.name, dr.namespace, mode, host) });
      for (const [setting, i] of records(policy.portLevelSettings)) {
        const portMode = unverifiedMode(setting.tls);
        if (!portMode) continue;
        const port = num(rec(setting.port).number);
        ctx.report({
          resource: dr,
          path: [...base, 'portLevelSettings', i, 'tls', 'mode'],
          message: M.NoServerCertificateVerificationPortLevel(dr.name, dr.namespace, portMode, host, port === undefined ? '' : String(port)),
        });
      }
    }
  },
};
