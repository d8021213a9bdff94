import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { documentationUrl, M, MESSAGE_TYPES, messageType } from './index.js';

/** Istio's catalogue in ../shared beside the project root, as every reference test reads it. */
const ref = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'reference', 'istio', 'analysis-messages.yaml');
const present = existsSync(ref);

interface UpstreamMessage {
  name: string;
  code: string;
  level: string;
  template: string;
  args?: Array<{ name: string; type: string }>;
}

describe('message catalogue', () => {
  it('has unique codes and names, sorted by code', () => {
    const codes = MESSAGE_TYPES.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(MESSAGE_TYPES.map((t) => t.name)).size).toBe(codes.length);
    expect(codes).toEqual([...codes].sort());
  });

  it('renders typed constructors with their arguments', () => {
    const body = M.ReferencedResourceNotFound('gateway', 'bogus');
    expect(body.type.code).toBe('IST0101');
    expect(body.type.render(body.args)).toContain('"bogus"');
    expect(messageType('ist0101')?.name).toBe('ReferencedResourceNotFound');
    expect(documentationUrl('IST0101')).toBe('https://istio.io/latest/docs/reference/config/analysis/ist0101/');
  });

  describe.skipIf(!present)(present ? 'against the upstream catalogue' : `against the upstream catalogue: SKIPPED because the reference file ${ref} is absent`, () => {
    const upstream = present ? ((parse(readFileSync(ref, 'utf8')) as { messages: UpstreamMessage[] }).messages ?? []) : [];

    it('has every upstream code with the same name, level and argument names', () => {
      for (const u of upstream) {
        const t = messageType(u.code);
        expect(t, u.code).toBeDefined();
        expect(t?.name, u.code).toBe(u.name);
        expect(t?.level, u.code).toBe(u.level);
        expect(t?.args.map((a) => a.name), u.code).toEqual((u.args ?? []).map((a) => a.name));
      }
      expect(upstream.length).toBeGreaterThan(0);
      expect(MESSAGE_TYPES.length).toBe(upstream.length);
    });

    it('uses its own wording (no upstream template copied)', () => {
      // A template that is only its argument (IST0139 "%v") has no wording to copy.
      for (const u of upstream.filter((m) => m.template.replace(/%[a-z]/g, '').trim() !== '')) {
        const t = messageType(u.code)!;
        const sample = t.render(t.args.map((a) => (a.type === 'int' ? 1 : a.type.endsWith('[]') ? ['x'] : 'x')));
        const upstreamText = u.template.replace(/%[a-z]/g, 'x').replace(/%q/g, '"x"');
        expect(sample, u.code).not.toBe(upstreamText);
      }
    });
  });
});
