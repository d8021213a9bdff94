/**
 * telemetry.ProviderAnalyzer: an accessLogging entry without providers uses the mesh's default access-log
 * providers; when the mesh config names none, the entry does nothing (IST0157). As Istio checks it, only access
 * logging is judged (metrics have a default provider, Prometheus).
 */
import { arr, rec, records } from '../fields.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';

const SECTIONS = ['accessLogging'] as const;

export const telemetryProvider: Analyzer = {
  meta: {
    name: 'telemetry.ProviderAnalyzer',
    description: 'Checks that Telemetry access logging has a provider, its own or the mesh default',
    inputs: [K.Telemetry],
  },
  analyze(ctx) {
    const defaults = rec(ctx.mesh.meshConfig.defaultProviders);
    for (const t of ctx.all(K.Telemetry)) {
      for (const section of SECTIONS) {
        if (arr(defaults[section]).length > 0) continue;
        for (const [entry, i] of records(t.spec[section])) {
          if (arr(entry.providers).length > 0) continue;
          ctx.report({ resource: t, path: ['spec', section, i], message: M.InvalidTelemetryProvider(t.name, t.namespace) });
          break;
        }
      }
    }
  },
};
