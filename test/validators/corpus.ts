/**
 * The validation corpus (test/fixtures/validate-corpus): one Istio resource per file, named by what is expected
 * of it. `valid-*`: accepted by sailctl and by the API server with sailctl's CRDs. `schema-*`: rejected by both
 * (the CRD schema or its CEL rules catch it). `semantic-*`: rejected by sailctl only, because the rule is one of
 * istiod's validating webhook and not part of the CRD schema; the file's `# why:` line says which.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS_DIR = join(process.cwd(), 'test', 'fixtures', 'validate-corpus');

export interface CorpusCase {
  file: string;
  path: string;
  expect: 'valid' | 'schema' | 'semantic';
  why?: string;
}

export function corpus(): CorpusCase[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const expect = file.split('-')[0] as CorpusCase['expect'];
      if (!['valid', 'schema', 'semantic'].includes(expect)) throw new Error(`corpus file ${file} must start with valid-, schema- or semantic-`);
      const why = /^# why: (.+)$/m.exec(readFileSync(join(CORPUS_DIR, file), 'utf8'))?.[1];
      if (expect === 'semantic' && !why) throw new Error(`corpus file ${file} is a listed disagreement and needs a "# why:" line`);
      return { file, path: join(CORPUS_DIR, file), expect, ...(why ? { why } : {}) };
    });
}
