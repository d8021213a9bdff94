import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../test/support/analyze-fixture.js';
import { MESSAGE_TYPES } from '../messages/index.js';
import { ANALYZERS } from '../registry.js';
import type { Analyzer } from '../types.js';
import { EXAMPLES } from './examples.js';
import { explain } from './index.js';

const all: Analyzer = {
  meta: { name: 'all.Analyzers', description: 'every registered analyzer', inputs: [] },
  analyze(ctx) {
    for (const a of ANALYZERS) a.analyze(ctx);
  },
};

describe('explain', () => {
  it('has a fix for every code and finds codes case-insensitively', () => {
    for (const t of MESSAGE_TYPES) expect(explain(t.code)?.fix, t.code).toMatch(/\w{3,}/);
    expect(explain('ist0132')?.type.code).toBe('IST0132');
    expect(explain('IST9999')).toBeUndefined();
  });

  describe.each(Object.entries(EXAMPLES))('example of %s', (code, example) => {
    it('the failing example produces the code', () => {
      expect(analyzeText(all, 'failing.yaml', example.failing, { complete: example.snapshot === true }).map((d) => d.code)).toContain(code);
    });
    it('the passing example does not', () => {
      expect(analyzeText(all, 'passing.yaml', example.passing, { complete: example.snapshot === true }).map((d) => d.code)).not.toContain(code);
    });
  });
});
