/**
 * The sprig function map (the subset istiod's and Helm's injection and gateway templates use), plus `env`,
 * which reads only the map it is given: templates never see the process environment.
 */
import { arity, type TemplateFunc } from './arity.js';
import { str } from './coerce.js';
import { convertFuncs } from './sprig-convert.js';
import { listFuncs } from './sprig-lists.js';
import { stringFuncs } from './sprig-strings.js';

/** sprig's functions with `env` reading `env` (empty by default). */
export function createSprigFuncs(env: Readonly<Record<string, string>> = {}): Record<string, TemplateFunc> {
  return {
    ...stringFuncs,
    ...listFuncs,
    ...convertFuncs,
    env: arity(1, (name) => env[str(name)] ?? ''),
  };
}

export const sprigFuncs: Record<string, TemplateFunc> = createSprigFuncs();
