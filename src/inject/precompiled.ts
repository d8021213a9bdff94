/**
 * sailctl's own templates are parsed at build time (scripts/generate/40-inject-templates.ts); here their
 * trees become programs without parsing the text again (about 10 ms saved on every kube-inject start).
 * Function lookup is the engine's: injector functions over sprig over the builtins.
 */
import type { Tree } from './gotemplate/ast.js';
import { builtinFuncs } from './gotemplate/builtins.js';
import { Program } from './gotemplate/exec.js';
import type { CompiledTemplate, TemplateFunc } from './gotemplate/index.js';
import { listFuncs } from './gotemplate/sprig-lists.js';
import { stringFuncs } from './gotemplate/sprig-strings.js';

/**
 * sailctl's templates use only the builtins, sprig's string and list functions and the injector functions,
 * so the rest of sprig (and the yaml and crypto modules it needs) is not loaded for them.
 */
export function programFromTrees(name: string, text: string, treesJson: string, funcs: Readonly<Record<string, TemplateFunc>>): CompiledTemplate {
  const program = new Program(name, text, new Map(JSON.parse(treesJson) as Array<[string, Tree]>));
  const all: Record<string, TemplateFunc> = { ...builtinFuncs, ...stringFuncs, ...listFuncs, ...funcs };
  const missing = program.funcNames.filter((n) => !Object.hasOwn(all, n));
  if (missing.length > 0) throw new Error(`built-in template "${name}" uses ${missing.join(', ')}: add them to precompiled.ts`);
  const fns = program.funcNames.map((n) => all[n]);
  return {
    execute: (data) => program.run(name, data, fns),
    executeTemplate: (tmpl, data) => program.run(tmpl, data, fns),
    templateNames: program.templateNames(),
  };
}
