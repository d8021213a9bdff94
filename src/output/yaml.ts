import { stringify } from 'yaml';

const options = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/** One YAML document. */
export function formatYaml(value: unknown): string {
  return stringify(value, options);
}

/** A YAML stream: documents separated by `---`, as kubectl prints them. */
export function formatYamlDocuments(values: readonly unknown[]): string {
  return values.map((v) => `---\n${stringify(v, options)}`).join('');
}
