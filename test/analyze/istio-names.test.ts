/**
 * sailctl's analyzers carry Istio's names: the registry holds exactly the analyzers of Istio's analyzers.json
 * (../shared/reference/istio/analyzers), default-on where Istio's `All()` registers them and opt-in otherwise,
 * each reporting the codes Istio's does. Skipped when the reference folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ANALYZERS } from '../../src/analyze/registry.js';

interface UpstreamAnalyzer {
  name: string;
  registration: 'default' | 'conditional';
  messages: Array<{ code: string }>;
}

const file = fileURLToPath(new URL('../../../shared/reference/istio/analyzers/analyzers.json', import.meta.url));
const upstream = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { analyzers: UpstreamAnalyzer[] }).analyzers : [];

describe.skipIf(upstream.length === 0)("analyzer names (Istio's analyzers.json)", () => {
  it('registers every upstream analyzer under its name, and no other', () => {
    expect(ANALYZERS.map((a) => a.meta.name).sort()).toEqual(upstream.map((u) => u.name).sort());
  });

  it('runs by default exactly the analyzers Istio registers by default', () => {
    const optIn = ANALYZERS.filter((a) => a.meta.optIn).map((a) => a.meta.name).sort();
    expect(optIn).toEqual(upstream.filter((u) => u.registration !== 'default').map((u) => u.name).sort());
  });
});

if (upstream.length === 0) {
  describe("analyzer names (Istio's analyzers.json)", () => {
    it.skip(`skipped: no reference at ${file}`, () => {});
  });
}
