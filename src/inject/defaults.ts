/**
 * Offline defaults for kube-inject: the injector values and mesh config that `sailctl install` configures
 * (src/manifest resolves them), and the injector settings derived from the values.
 */
import { DEFAULT_INSTALL_JSON } from './generated/defaults.js';
import { BUILTIN_TEMPLATES } from './generated/templates.js';
import type { InjectConfig, InjectorSettings, JsonObject } from './types.js';

export interface InjectInputs {
  values: JsonObject;
  meshConfig: JsonObject;
  revision: string;
}

/** The default profile's inputs as resolved at build time (a fresh copy: callers may change it). */
export function builtInInjectInputs(): InjectInputs {
  const { values, meshConfig } = JSON.parse(DEFAULT_INSTALL_JSON) as { values: JsonObject; meshConfig: JsonObject };
  return { values, meshConfig, revision: '' };
}

/**
 * Offline inputs: exactly what `sailctl install` configures with the default profile (or with the given
 * IstioOperator overlays, whose `spec.values` / `spec.meshConfig` win) for `revision`. src/manifest resolves
 * them; the plain default case was resolved by it at build time, so it costs nothing at start-up.
 */
export async function defaultInjectInputs(revision: string, overlays: Array<{ source: string; text: string }> = []): Promise<InjectInputs> {
  if (revision === '' && overlays.length === 0) return builtInInjectInputs();
  const { resolveInstall } = await import('../manifest/values.js');
  const r = resolveInstall(overlays.length > 0 ? { revision, overlays } : { profile: 'default', revision });
  return { values: r.values as JsonObject, meshConfig: r.meshConfig as JsonObject, revision: r.revision };
}

/** The InjectConfig of plain inputs (no config files): the injector settings follow from the values. */
export function configFromInputs(inputs: InjectInputs): InjectConfig {
  const values = { ...inputs.values, revision: inputs.revision };
  return { injector: injectorSettingsFromValues(values), values, meshConfig: inputs.meshConfig, revision: inputs.revision };
}

/** Injector settings from the values (what install renders into the ConfigMap's `config`). */
export function injectorSettingsFromValues(values: JsonObject): InjectorSettings {
  const web = (values.sidecarInjectorWebhook ?? {}) as JsonObject;
  const proxy = (((values.global ?? {}) as JsonObject).proxy ?? {}) as JsonObject;
  const custom = (web.templates ?? {}) as Record<string, string>;
  const defaults = Array.isArray(web.defaultTemplates) && web.defaultTemplates.length > 0 ? (web.defaultTemplates as string[]) : ['sidecar'];
  return {
    policy: typeof proxy.autoInject === 'string' ? proxy.autoInject : 'enabled',
    alwaysInjectSelector: (web.alwaysInjectSelector ?? []) as InjectorSettings['alwaysInjectSelector'],
    neverInjectSelector: (web.neverInjectSelector ?? []) as InjectorSettings['neverInjectSelector'],
    injectedAnnotations: (web.injectedAnnotations ?? {}) as Record<string, string>,
    defaultTemplates: defaults,
    templates: { ...BUILTIN_TEMPLATES, ...custom },
    aliases: {},
  };
}
