/**
 * Golden files of proxy-status (test/proxystatus/golden/) and proxy-config (test/proxyconfig/golden/) output. `UPDATE_GOLDEN=1 npx vitest
 * run test/proxystatus` rewrites them; review the diff like code.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

const here = new URL('./golden/', import.meta.url);

/** Compares with `dir/name` (default test/proxystatus/golden/). */
export function expectGolden(name: string, actual: string, dir: URL = here): void {
  const file = new URL(name, dir);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
