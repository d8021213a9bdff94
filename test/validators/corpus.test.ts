/**
 * sailctl validate's verdict on every file of the validation corpus (./corpus.ts). The same files go through a
 * real API server in test/real/cluster.test.ts, which compares the two.
 */
import { describe, expect, it } from 'vitest';
import { runSailctl } from '../support/cli.js';
import { corpus } from './corpus.js';

describe('validation corpus: sailctl validate', () => {
  const cases = corpus();
  it('has cases of every kind of expectation', () => {
    expect(cases.filter((c) => c.expect === 'valid').length).toBeGreaterThanOrEqual(10);
    expect(cases.filter((c) => c.expect === 'schema').length).toBeGreaterThanOrEqual(10);
    expect(cases.filter((c) => c.expect === 'semantic').length).toBeGreaterThanOrEqual(3);
  });
  for (const c of cases) {
    it(`${c.file}: ${c.expect === 'valid' ? 'accepted' : 'rejected'}`, async () => {
      const r = await runSailctl(['validate', '-f', c.path]);
      expect(r.exitCode, r.stdout + r.stderr).toBe(c.expect === 'valid' ? 0 : 65);
    });
  }
});
