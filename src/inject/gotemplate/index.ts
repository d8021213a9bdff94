/**
 * A Go text/template engine (with sprig) for sidecar injection templates: compile once, execute many times.
 * Output and errors match Go's for the same template and data; see values.ts for how JavaScript data
 * stands for Go values (undefined = no value, integral numbers = int, goStringMap = map[string]string).
 *
 *   const t = compileTemplate('sidecar', text, { funcNames: Object.keys(injectorFuncs) });
 *   const yaml = t.execute(data, { funcs: injectorFuncs });
 *
 * Known differences from Go, all outside what injection templates do: an integral float64 prints as an
 * integer (Go: 1e+06) and compares equal to an int (Go: "incompatible types"); `%.Nf`/`%.Ne` round exact
 * ties away from zero (Go: to even); the template depth limit is 1000 (Go: 100000); regular expressions are
 * JavaScript's with RE2's syntax translated (named groups, leading flags, \A, \z); `keys`/`values` come out
 * sorted where Go's order is random.
 *
 * istiod replaces two sprig functions for injection templates: its `indent` pads every line but the first
 * and its `toYaml` keeps the trailing newline. Callers executing templates the way istiod does pass those
 * through `funcs` (marshalYaml gives the untrimmed YAML).
 */
import type { TemplateFunc } from './arity.js';
import { builtinFuncs } from './builtins.js';
import { Program } from './exec.js';
import { parseTemplates } from './parser.js';
import { createSprigFuncs, sprigFuncs } from './sprig.js';

export type { TemplateFunc } from './arity.js';
export { TemplateError } from './template-error.js';
export { sprigFuncs, createSprigFuncs } from './sprig.js';
export { goFuncValue, goStringMap } from './values.js';
export { marshalYaml } from './goyaml.js';
export { marshalJson } from './gojson.js';
export { formatValue as goSprintValue, sprint as goSprint, sprintf as goSprintf } from './format.js';

export interface ExecuteOptions {
  /**
   * Merged over the builtins and sprig (a caller's function wins over a builtin of the same name). The lookup
   * is cached per object: pass a new object rather than changing one between executions.
   */
  funcs?: Record<string, TemplateFunc>;
  /** What sprig's `env` reads; nothing otherwise. */
  env?: Readonly<Record<string, string>>;
}

export interface CompiledTemplate {
  /** Executes the main template. Throws TemplateError when execution fails. */
  execute(data: unknown, options?: ExecuteOptions): string;
  /** Executes one named template of the set (a `define` or `block`, or the main one). */
  executeTemplate(name: string, data: unknown, options?: ExecuteOptions): string;
  /** Names of the templates in the set: the main one and every define/block. */
  readonly templateNames: readonly string[];
}

export interface CompileOptions {
  /** Names of the functions execute() will be given: with them, an unknown function is a parse error. */
  funcNames?: readonly string[];
}

const DEFAULT_FUNCS: Readonly<Record<string, TemplateFunc>> = { ...builtinFuncs, ...sprigFuncs };

/** Parses and compiles `text`; throws TemplateError (with line and column) when it does not parse. */
export function compileTemplate(name: string, text: string, options: CompileOptions = {}): CompiledTemplate {
  const extra = options.funcNames ? new Set(options.funcNames) : undefined;
  const isFunc = extra ? (fn: string): boolean => extra.has(fn) || Object.hasOwn(DEFAULT_FUNCS, fn) : undefined;
  const program = new Program(name, text, parseTemplates(name, text, { isFunc }));
  const names = program.funcNames;
  const cache = new WeakMap<object, (TemplateFunc | undefined)[]>();
  const noFuncs: Record<string, TemplateFunc> = {};
  const resolve = (options: ExecuteOptions | undefined): (TemplateFunc | undefined)[] => {
    const funcs = options?.funcs ?? noFuncs;
    if (options?.env === undefined) {
      const hit = cache.get(funcs);
      if (hit && hit.length === names.length) return hit;
    }
    const base = options?.env === undefined ? DEFAULT_FUNCS : { ...builtinFuncs, ...createSprigFuncs(options.env) };
    const fns = names.map((n) => (Object.hasOwn(funcs, n) ? funcs[n] : Object.hasOwn(base, n) ? base[n] : undefined));
    if (options?.env === undefined) cache.set(funcs, fns);
    return fns;
  };
  return {
    execute: (data, opts) => program.run(name, data, resolve(opts)),
    executeTemplate: (tmpl, data, opts) => program.run(tmpl, data, resolve(opts)),
    templateNames: program.templateNames(),
  };
}
