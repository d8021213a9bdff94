/**
 * Offline defaults for kube-inject: the injector values and mesh config that `sailctl install` configures
 * (src/manifest resolves them), and the injector settings derived from the values.
 */
import { resolveInstall } from '../manifest/values.js';
import { BUILTIN_TEMPLATES } from './generated/templates.js';
import type { InjectorSettings, JsonObject } from './types.js';

export interface InjectInputs {
  values: JsonObject;
  meshConfig: JsonObject;
  revision: string;
}

/**
 * Offline inputs: exactly what `sailctl install` configures with the default profile (or with the given
 * IstioOperator overlays, whose `spec.values` / `spec.meshConfig` win) for `revision`.
 */
export function defaultInjectInputs(revision: string, overlays: Array<{ source: string; text: string }> = []): InjectInputs {
  const r = resolveInstall(overlays.length > 0 ? { revision, overlays } : { profile: 'default', revision });
  return { values: r.values as JsonObject, meshConfig: r.meshConfig as JsonObject, revision: r.revision };
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
