/**
 * telemetry.LightstepAnalyzer: the Lightstep tracing provider is deprecated in favour of OpenTelemetry (IST0002).
 * Reported on the mesh config (`MeshConfig istio-system/meshconfig`), as Istio does.
 */
import { records, str } from '../fields.js';
import { K } from '../kinds.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';

export const telemetryLightstep: Analyzer = {
  meta: {
    name: 'telemetry.LightstepAnalyzer',
    description: 'Reports mesh extension providers that use the deprecated Lightstep tracer',
    inputs: [K.Telemetry, K.MeshConfig],
  },
  analyze(ctx) {
    const meshConfig = ctx.get(K.MeshConfig, ctx.mesh.istioNamespace, 'meshconfig');
    if (!meshConfig) return;
    for (const [provider] of records(meshConfig.spec.extensionProviders)) {
      if (provider.lightstep === undefined) continue;
      const name = str(provider.name) ?? '';
      ctx.report({
        resource: meshConfig,
        message: M.Deprecated(`extension provider ${JSON.stringify(name)} uses the Lightstep tracer; use the OpenTelemetry provider instead`),
      });
    }
  },
};
