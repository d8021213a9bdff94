/** Runs the CEL rules (by their TS intent, see cel.ts) and oneof groups of a generated module over a document. */
import type { PathSegment } from '../resources/types.js';
import { ENUM_PREFIX, ONEOF_PREFIX, type CelTree } from '../api/schema/strict.js';
import { CEL_CHECKS } from './cel.js';
import type { SemanticIssue } from './semantic/index.js';
import type { CompiledValidatorModule } from './types.js';

const isSet = (o: unknown, f: string) => o !== null && typeof o === 'object' && !Array.isArray(o) && (o as Record<string, unknown>)[f] !== undefined && (o as Record<string, unknown>)[f] !== null;

/** Issues of the CEL rules and oneof groups of module `m` in `doc` (paths from the document root). */
export function celIssues(m: CompiledValidatorModule, doc: unknown): SemanticIssue[] {
  const out: SemanticIssue[] = [];
  // One path, grown and shrunk as the walk goes (copied only into an issue): no array per visited node.
  const path: PathSegment[] = [];
  const into = (child: unknown, tree: CelTree, seg: PathSegment): void => {
    path.push(seg);
    walk(child, tree);
    path.pop();
  };
  const walk = (value: unknown, tree: CelTree): void => {
    if (value === null || value === undefined) return;
    if (tree.r) {
      for (const i of tree.r) {
        const rule = m.rules[i];
        if (!rule) continue;
        if (rule.rule.startsWith(ONEOF_PREFIX)) {
          const set = rule.rule.slice(ONEOF_PREFIX.length).split(',').filter((f) => isSet(value, f));
          if (set.length > 1) out.push({ path: [...path], message: `${rule.message} (found ${set.join(' and ')})`, severity: 'error' });
          continue;
        }
        if (rule.rule.startsWith(ENUM_PREFIX)) {
          if (typeof value === 'string' && !rule.rule.slice(ENUM_PREFIX.length).split('|').includes(value)) {
            out.push({ path: [...path], message: `${JSON.stringify(value)} is not one of ${rule.rule.slice(ENUM_PREFIX.length).split('|').join(', ')}`, severity: 'error' });
          }
          continue;
        }
        const check = CEL_CHECKS[rule.rule];
        if (check && !check(value)) out.push({ path: [...path], message: rule.message, severity: 'error' });
      }
    }
    if (typeof value !== 'object') return;
    if (tree.f && !Array.isArray(value)) {
      for (const k of Object.keys(tree.f)) {
        const child = (value as Record<string, unknown>)[k];
        if (child !== undefined) into(child, tree.f[k] as CelTree, k);
      }
    }
    if (tree.i && Array.isArray(value)) value.forEach((item, i) => into(item, tree.i as CelTree, i));
    if (tree.v && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) into(v, tree.v as CelTree, k);
  };
  walk(doc, m.celTree);
  return out;
}
