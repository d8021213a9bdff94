/**
 * Template selection and execution: `inject.istio.io/templates` (or the default templates), each compiled
 * once per config and executed with the injector functions; the output parsed as a partial pod.
 */
import { compileTemplate, type CompiledTemplate } from './gotemplate/index.js';
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

function compiledTemplate(injector: InjectorSettings, name: string): CompiledTemplate {
  let cache = compiled.get(injector);
  if (!cache) {
    cache = new Map();
    compiled.set(injector, cache);
  }
  let t = cache.get(name);
  if (!t) {
    const text = injector.templates[name] ?? '';
    const trees = BUILTIN_TREES[name];
    t = trees !== undefined && BUILTIN_TEMPLATES[name] === text ? programFromTrees(name, text, trees, FUNCS) : compileTemplate(name, text, { funcNames: INJECTOR_FUNC_NAMES });
    cache.set(name, t);
  }
  return t;
}

/** Compiles every template of the config now, so a broken template is reported once, up front. */
export function compileAll(injector: InjectorSettings): void {
  for (const name of Object.keys(injector.templates)) compiledTemplate(injector, name);
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
