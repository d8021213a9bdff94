/**
 * sailctl's own templates are parsed at build time (scripts/generate/40-inject-templates.ts); here their
 * trees become programs without parsing the text again (about 10 ms saved on every kube-inject start).
 * Function lookup is the engine's: injector functions over sprig over the builtins.
 */
import type { Tree } from './gotemplate/ast.js';
import { builtinFuncs } from './gotemplate/builtins.js';
import { Program } from './gotemplate/exec.js';
import { sprigFuncs, type CompiledTemplate, type TemplateFunc } from './gotemplate/index.js';

export function programFromTrees(name: string, text: string, treesJson: string, funcs: Readonly<Record<string, TemplateFunc>>): CompiledTemplate {
  const program = new Program(name, text, new Map(JSON.parse(treesJson) as Array<[string, Tree]>));
  const all: Record<string, TemplateFunc> = { ...builtinFuncs, ...sprigFuncs, ...funcs };
  const fns = program.funcNames.map((n) => (Object.hasOwn(all, n) ? all[n] : undefined));
  return {
    execute: (data) => program.run(name, data, fns),
    executeTemplate: (tmpl, data) => program.run(tmpl, data, fns),
    templateNames: program.templateNames(),
  };
}
