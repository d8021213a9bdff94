/** Runs the CEL rules of a generated module (by their TS intent, see cel.ts) over a document. */
import type { PathSegment } from '../resources/types.js';
import type { CelTree } from '../api/schema/strict.js';
import { CEL_CHECKS } from './cel.js';
import type { SemanticIssue } from './semantic/index.js';
import type { CompiledValidatorModule } from './types.js';

export function celIssues(m: CompiledValidatorModule, doc: unknown): SemanticIssue[] {
  const out: SemanticIssue[] = [];
  const walk = (value: unknown, tree: CelTree, path: PathSegment[]): void => {
    if (value === null || value === undefined) return;
    if (tree.r) {
      for (const i of tree.r) {
        const rule = m.rules[i];
        const check = rule && CEL_CHECKS[rule.rule];
        if (rule && check && !check(value)) out.push({ path: [...path], message: rule.message, severity: 'error' });
      }
    }
    if (typeof value !== 'object') return;
    if (tree.f && !Array.isArray(value)) {
      for (const k of Object.keys(tree.f)) {
        const child = (value as Record<string, unknown>)[k];
        if (child !== undefined) walk(child, tree.f[k] as CelTree, [...path, k]);
      }
    }
    if (tree.i && Array.isArray(value)) value.forEach((item, i) => walk(item, tree.i as CelTree, [...path, i]));
    if (tree.v && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) walk(v, tree.v, [...path, k]);
  };
  walk(doc, m.celTree, []);
  return out;
}
