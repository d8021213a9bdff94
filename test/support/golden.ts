/**
 * Golden files, one convention for the whole suite: a test compares its output with a reviewed file, and a
 * missing file is a failure. Only `UPDATE_GOLDEN=1` (e.g. `UPDATE_GOLDEN=1 npx vitest run test/inject`)
 * writes them; review the diff like code.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/** Compares `actual` with the golden `file`; with UPDATE_GOLDEN=1 writes it first. */
export function expectGoldenFile(file: string | URL, actual: string): void {
  const path = typeof file === 'string' ? file : fileURLToPath(file);
  if (UPDATE_GOLDEN) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  if (!existsSync(path)) throw new Error(`golden file ${path} is missing: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
