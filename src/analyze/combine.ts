/**
 * One analyzer made of several checks, for the places where Istio reports under one name what sailctl keeps in
 * separate files (e.g. `sidecar.SelectorAnalyzer` = selector checks + the default-selector check). The inputs
 * are the union of the parts'; the parts run in order.
 */
import type { Analyzer, AnalyzerMeta } from './types.js';

export function combineAnalyzers(meta: Omit<AnalyzerMeta, 'inputs'>, parts: readonly Analyzer[]): Analyzer {
  return {
    meta: { ...meta, inputs: [...new Set(parts.flatMap((p) => p.meta.inputs))] },
    parts,
    analyze(ctx) {
      for (const part of parts) part.analyze(ctx);
    },
  };
}
