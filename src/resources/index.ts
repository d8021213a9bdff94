/** Files/dirs/stdin -> resources with origins, plus every problem found on the way. */
import { parseResources, type ParseOptions } from './parse.js';
import { readSources, type ReadOptions } from './read.js';
import type { LoadResult } from './types.js';

export type { LoadedResource, LoadProblem, LoadResult, Origin, PathSegment, Position, SourceText } from './types.js';
export { parseResources, type ParseOptions } from './parse.js';
export { parseResourcesWithYaml, MAX_DOCUMENT_BYTES, MAX_ALIAS_COUNT } from './reference.js';
export { readSources, decodeUtf8, type ReadOptions } from './read.js';

export type LoadOptions = ReadOptions & ParseOptions;

export async function loadResources(paths: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const { sources, problems } = await readSources(paths, options);
  const result: LoadResult = { resources: [], problems: [...problems] };
  for (const source of sources) {
    const parsed = parseResources(source, options);
    result.resources.push(...parsed.resources);
    result.problems.push(...parsed.problems);
  }
  return result;
}
