import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseFastYaml, Unsupported } from './fastyaml.js';

const same = [
  'a: 1\nb: "2"\nc: \'it\'\'s\'\nd: true\ne: ~\nf: 1.5\ng: 0x1F\nh: yes\ni: -p\nj: "\\u00e9\\n"\n',
  'spec:\n  containers:\n  - name: x\n    args:\n    - "-p"\n    - "15001"\n    ports:\n    - containerPort: 80\n      name: http\n',
  'list:\n- - a\n  - b\n-\n  k: v\n- []\n- {}\n- [1, "two", three]\n- {a: 1, b: x}\n',
  'env:\n  - name: A\n    value: |\n      {}\n  - name: B\n    value: |-\n      [\n          {"x":1}\n      ]\n  - name: C\n    value: z\n',
  'a:\n  # comment\n  b: c # trailing\n\n  d: e\nempty:\nnext: 1\n',
  'annotations:\n  "quoted.key/x": "v"\n  \'single\': s\n',
];

const unsupported = ['a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: >\n  folded\n', 'a: b: c\n', '---\na: 1\n', 'a:\n\tb: 1\n', '? complex\n: key\n', 'a: "multi\n  line"\n'];

describe('parseFastYaml', () => {
  it.each(same)('reads %j exactly as the yaml package does', (text) => {
    expect(parseFastYaml(text)).toEqual(parse(text));
  });
  it.each(unsupported)('gives up on %j (the caller falls back)', (text) => {
    expect(() => parseFastYaml(text)).toThrow(Unsupported);
  });

  const ref = new URL('../../../shared/reference/istio/inject/', import.meta.url);
  describe.skipIf(!existsSync(ref))('on upstream injected pods (reference folder)', () => {
    it('agrees with the yaml package on every document', () => {
      let n = 0;
      for (const f of readdirSync(ref).filter((x) => !x.startsWith('injection-template'))) {
        for (const text of readFileSync(new URL(f, ref), 'utf8').split(/^---\n/m)) {
          expect(parseFastYaml(text), f).toEqual(parse(text));
          n++;
        }
      }
      expect(n).toBeGreaterThan(10);
    });
  });
});
