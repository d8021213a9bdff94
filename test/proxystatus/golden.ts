/**
 * Golden files of proxy-status (test/proxystatus/golden/) and proxy-config (test/proxyconfig/golden/) output. `UPDATE_GOLDEN=1 npx vitest
 * run test/proxystatus` rewrites them; review the diff like code. A missing file fails (test/support/golden.ts).
 */
import { expectGoldenFile } from '../support/golden.js';

const here = new URL('./golden/', import.meta.url);

/** Compares with `dir/name` (default test/proxystatus/golden/). */
export function expectGolden(name: string, actual: string, dir: URL = here): void {
  expectGoldenFile(new URL(name, dir), actual);
}
