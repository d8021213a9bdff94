/**
 * telemetry.LightstepAnalyzer: the Lightstep tracing provider is deprecated in favour of OpenTelemetry (IST0002).
 * Reported on each Telemetry that traces with a Lightstep extension provider of the mesh config, named in its
 * tracing providers or, when it names none, as the mesh's default tracing provider.
 */
import { arr, rec, records, str } from '../fields.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';

export const telemetryLightstep: Analyzer = {
  meta: {
    name: 'telemetry.LightstepAnalyzer',
    description: 'Reports Telemetries that trace with the deprecated Lightstep provider',
    inputs: [K.Telemetry, K.MeshConfig],
  },
  analyze(ctx) {
    const meshConfig = ctx.get(K.MeshConfig, ctx.mesh.istioNamespace, 'meshconfig');
    if (!meshConfig) return;
    const lightstep = new Set(records(meshConfig.spec.extensionProviders).flatMap(([p]) => (p.lightstep !== undefined && str(p.name) ? [p.name as string] : [])));
    if (lightstep.size === 0) return;
    const defaults = arr(rec(meshConfig.spec.defaultProviders).tracing).filter((n): n is string => typeof n === 'string');
    for (const t of ctx.all(K.Telemetry)) {
      for (const [tracing, i] of records(t.spec.tracing)) {
        const named = records(tracing.providers).flatMap(([p]) => (str(p.name) ? [p.name as string] : []));
        const provider = (named.length > 0 ? named : defaults).find((n) => lightstep.has(n));
        if (provider === undefined) continue;
        ctx.report({
          resource: t,
          path: ['spec', 'tracing', i],
          message: M.Deprecated(`tracing provider ${JSON.stringify(provider)} uses the Lightstep tracer; use the OpenTelemetry provider instead`),
        });
        break;
      }
    }
  },
};
