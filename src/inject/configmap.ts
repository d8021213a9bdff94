/**
 * The `istio-sidecar-injector[-rev]` ConfigMap's data, as istiod reads it: `config` (policy, selectors,
 * injected annotations, default templates and the template texts) and `values` (JSON). `sailctl install`
 * writes it; kube-inject's `--injectConfigFile` / `--from-cluster` read the same format back.
 */
import { injectorSettingsFromValues } from './defaults.js';
import { emitYaml } from './emit.js';
import type { JsonObject } from './types.js';

export interface InjectorConfigMapInput {
  values: Record<string, unknown>;
  meshConfig: Record<string, unknown>;
  revision: string;
}

export function injectorConfigMapData(input: InjectorConfigMapInput): { config: string; values: string } {
  const values = { ...(input.values as JsonObject), revision: input.revision };
  const settings = injectorSettingsFromValues(values);
  const templates = Object.fromEntries(Object.keys(settings.templates).sort().map((k) => [k, settings.templates[k]]));
  const config = emitYaml({
    policy: settings.policy,
    alwaysInjectSelector: settings.alwaysInjectSelector,
    neverInjectSelector: settings.neverInjectSelector,
    injectedAnnotations: settings.injectedAnnotations,
    defaultTemplates: settings.defaultTemplates,
    templates,
  });
  return { config, values: JSON.stringify(values, null, 2) };
}
