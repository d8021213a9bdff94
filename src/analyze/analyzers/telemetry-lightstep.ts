/**
 * telemetry.LightstepAnalyzer: the Lightstep tracing provider is deprecated in favour of OpenTelemetry (IST0002).
 * Reported on the mesh config's ConfigMap, where the provider is declared.
 */
import { records, str } from '../fields.js';
import { K } from '../kinds.js';
import { meshConfigMap } from '../mesh-configmap.js';
import { M } from '../messages/index.js';
import type { Analyzer } from '../types.js';

export const telemetryLightstep: Analyzer = {
  meta: {
    name: 'telemetry.LightstepAnalyzer',
    description: 'Reports mesh extension providers that use the deprecated Lightstep tracer',
    inputs: [K.ConfigMap],
  },
  analyze(ctx) {
    const cm = meshConfigMap(ctx);
    if (!cm) return;
    for (const [provider] of records(ctx.mesh.meshConfig.extensionProviders)) {
      if (provider.lightstep === undefined) continue;
      const name = str(provider.name) ?? '';
      ctx.report({
        resource: cm,
        path: ['data', 'mesh'],
        message: M.Deprecated(`extension provider ${JSON.stringify(name)} uses the Lightstep tracer; use the OpenTelemetry provider instead`),
      });
    }
  },
};
