/** Validates a batch of loaded resources: the loop `sailctl validate` (and benchmarks) use. */
import type { LoadedResource } from '../resources/types.js';
import { isValidatedKind, preloadValidators, validateResource, type ValidateOptions, type ValidationIssue } from './index.js';

export interface ResourceResult {
  resource: LoadedResource;
  issues: ValidationIssue[];
}

export interface BatchResult {
  /** Resources of kinds sailctl validates, in input order. */
  checked: ResourceResult[];
  /** Resources of kinds sailctl does not know (not errors). */
  skipped: LoadedResource[];
  errors: number;
  warnings: number;
}

export async function validateResources(resources: readonly LoadedResource[], options: ValidateOptions = {}): Promise<BatchResult> {
  const result: BatchResult = { checked: [], skipped: [], errors: 0, warnings: 0 };
  await preloadValidators(resources.map((r) => `${r.apiVersion}/${r.kind}`));
  for (const r of resources) {
    if (!isValidatedKind(r.apiVersion, r.kind)) {
      result.skipped.push(r);
      continue;
    }
    const issues = await validateResource(r, options);
    for (const i of issues) {
      if (i.severity === 'error') result.errors++;
      else result.warnings++;
    }
    result.checked.push({ resource: r, issues });
  }
  return result;
}
