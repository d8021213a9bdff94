/**
 * Template selection and execution: `inject.istio.io/templates` (or the default templates), each compiled
 * once per config and executed with the injector functions; the output parsed as a partial pod.
 * sailctl's own templates come parsed from the build; other templates (a file, the cluster) are compiled by
 * `prepareTemplates` first, which loads the template compiler only then.
 */
import type { CompiledTemplate } from './gotemplate/index.js';
import { parseFastYaml, Unsupported } from './fastyaml.js';
import { INJECTOR_FUNC_NAMES, injectorFuncs } from './funcs.js';
import { BUILTIN_TEMPLATES, BUILTIN_TREES } from './generated/templates.js';
import { programFromTrees } from './precompiled.js';
import type { InjectorSettings } from './types.js';
import { requireYaml, type FullYaml } from './yaml-port.js';

const compiled = new WeakMap<InjectorSettings, Map<string, CompiledTemplate>>();
const FUNCS = injectorFuncs();

/** Template names for a pod, aliases expanded. Throws with a reason for an unknown name. */
export function selectTemplates(injector: InjectorSettings, annotations: Record<string, string>): string[] {
  const requested = annotations['inject.istio.io/templates'];
  const names = requested !== undefined ? requested.split(',').map((n) => n.trim()).filter(Boolean) : injector.defaultTemplates;
  const out: string[] = [];
  for (const name of names) {
    for (const resolved of injector.aliases[name] ?? [name]) {
      if (!(resolved in injector.templates)) {
        throw new Error(`requested template "${resolved}" not found; have ${Object.keys(injector.templates).sort().join(', ')}`);
      }
      out.push(resolved);
    }
  }
  return out;
}

function cacheFor(injector: InjectorSettings): Map<string, CompiledTemplate> {
  let cache = compiled.get(injector);
  if (!cache) {
    cache = new Map();
    compiled.set(injector, cache);
  }
  return cache;
}

function isBuiltin(injector: InjectorSettings, name: string): boolean {
  return BUILTIN_TREES[name] !== undefined && BUILTIN_TEMPLATES[name] === injector.templates[name];
}

function compiledTemplate(injector: InjectorSettings, name: string): CompiledTemplate {
  const cache = cacheFor(injector);
  let t = cache.get(name);
  if (!t) {
    if (!isBuiltin(injector, name)) throw new Error(`template "${name}" was not prepared (call prepareTemplates first)`);
    t = programFromTrees(name, injector.templates[name] as string, BUILTIN_TREES[name] as string, FUNCS);
    cache.set(name, t);
  }
  return t;
}

/**
 * Compiles the templates that are not sailctl's own (from a file or the cluster), so that injection can use
 * them; a broken one throws its TemplateError here, once, before any workload is touched.
 */
export async function prepareTemplates(injector: InjectorSettings): Promise<void> {
  const names = Object.keys(injector.templates).filter((n) => !isBuiltin(injector, n));
  if (names.length === 0) return;
  const { compileTemplate } = await import('./gotemplate/index.js');
  const cache = cacheFor(injector);
  for (const name of names) cache.set(name, compileTemplate(name, injector.templates[name] ?? '', { funcNames: INJECTOR_FUNC_NAMES }));
}

export interface RenderedPod {
  metadata?: Record<string, unknown>;
  spec?: Record<string, unknown>;
}

/** Executes one template and parses its output. Throws (TemplateError or a YAML reason) when it fails. */
export function renderTemplate(injector: InjectorSettings, name: string, data: unknown, yaml?: FullYaml): RenderedPod {
  const text = compiledTemplate(injector, name).execute(data, { funcs: FUNCS });
  let value: unknown;
  try {
    value = parseFastYaml(text);
  } catch (err) {
    if (!(err instanceof Unsupported)) throw err;
    value = requireYaml(yaml, `template "${name}" output is not plain block YAML`).parse(text, { uniqueKeys: false, logLevel: 'error' }) as unknown;
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`template "${name}" did not produce a pod mapping`);
  return value as RenderedPod;
}
