/**
 * Every analyzer over a small bookinfo cluster state (`--use-kube=false --snapshot`), compared with reviewed
 * golden files. `UPDATE_GOLDEN=1 npx vitest run test/analyze/golden.test.ts` rewrites them; review the diff.
 */
import { describe, expect, it } from 'vitest';
import { runSailctl } from '../support/cli.js';
import { expectGoldenFile } from '../support/golden.js';

const cwd = new URL('../fixtures/analyze/', import.meta.url).pathname;
const golden = (name: string) => new URL(`../fixtures/analyze/golden/${name}`, import.meta.url);


describe('analyze golden output (bookinfo snapshot)', () => {
  it.each([
    ['bookinfo.log.txt', 'log'],
    ['bookinfo.sarif.json', 'sarif'],
    ['bookinfo.github.txt', 'github'],
  ])('%s', async (name, format) => {
    const r = await runSailctl(['analyze', '--use-kube=false', '--snapshot', '-R', 'bookinfo', '-o', format], { cwd });
    expect(r.exitCode, r.stderr).toBe(79);
    expectGoldenFile(golden(name), r.stdout.replace(/"version": "[^"]+"/, '"version": "VERSION"'));
  });
});
