/**
 * The full YAML parser (the yaml package) as an optional dependency of the pipeline. Plain block YAML is read
 * by fastyaml; only inputs it cannot handle (anchors, `kind: List`, JSON, syntax errors to report...) need
 * the yaml package, whose 260 KB cost about 10 ms at start-up. Callers run the pipeline without it and, when
 * it asks (NeedsFullYaml), load it and run again.
 */
import type * as Yaml from 'yaml';

export type FullYaml = Pick<typeof Yaml, 'parse' | 'parseAllDocuments' | 'LineCounter'>;

export class NeedsFullYaml extends Error {
  constructor(reason: string) {
    super(`the full YAML parser is needed: ${reason}`);
    this.name = 'NeedsFullYaml';
  }
}

export function requireYaml(yaml: FullYaml | undefined, reason: string): FullYaml {
  if (!yaml) throw new NeedsFullYaml(reason);
  return yaml;
}

/** Runs `run` without the full parser, and again with it when the first run asks for it. */
export async function withFullYamlIfNeeded<T>(run: (yaml?: FullYaml) => T): Promise<T> {
  try {
    return run(undefined);
  } catch (err) {
    if (!(err instanceof NeedsFullYaml)) throw err;
    return run(await loadFullYaml());
  }
}

/** The yaml package, whether the bundler gives its CommonJS exports as named exports or as `default`. */
export async function loadFullYaml(): Promise<FullYaml> {
  const mod = (await import('yaml')) as FullYaml & { default?: FullYaml };
  return typeof mod.LineCounter === 'function' ? mod : (mod.default as FullYaml);
}
