import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { configFromInputs, builtInInjectInputs } from './defaults.js';
import { injectAll } from './index.js';
import type { StreamResult } from './types.js';
import { NeedsFullYaml, withFullYamlIfNeeded } from './yaml-port.js';

const config = configFromInputs(builtInInjectInputs());
const plain = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x}]\n';
const list = `apiVersion: v1\nkind: List\nitems:\n- ${plain.trimEnd().split('\n').join('\n  ')}\n`;
const anchors = 'apiVersion: v1\nkind: Pod\nmetadata: {name: &n p, labels: {app: *n}}\nspec:\n  containers: [{name: c, image: x}]\n';
const withProxyConfig = (value: string) => plain.replace('metadata: {name: p}', `metadata:\n  name: p\n  annotations:\n    proxy.istio.io/config: ${value}`);

/** Injected by the fast reader alone (it throws NeedsFullYaml if it cannot), parsed back. */
function fastInjected(text: string): Record<string, any> {
  const r = injectAll(text, config);
  expect(r.problems).toEqual([]);
  return YAML.parse(r.text) as Record<string, any>;
}

const injectedOnce = (r: StreamResult) => expect(r.reports.map((x) => x.outcome.action)).toEqual(['injected']);

describe('the full YAML parser is loaded only when needed', () => {
  it('plain block YAML needs only the fast reader', () => {
    injectedOnce(injectAll(plain, config));
  });

  // Each input needs the full parser; what comes out is checked against the fast reader's injection of the
  // same workload written as plain block YAML.
  it.each<[string, string, (r: StreamResult) => void]>([
    [
      'a kind: List',
      list,
      (r) => {
        injectedOnce(r);
        expect(YAML.parse(r.text)).toEqual({ apiVersion: 'v1', kind: 'List', items: [fastInjected(plain)] });
      },
    ],
    [
      'anchors and aliases',
      anchors,
      (r) => {
        injectedOnce(r);
        expect(YAML.parse(r.text)).toEqual(fastInjected(plain.replace('metadata: {name: p}', 'metadata: {name: p, labels: {app: p}}')));
      },
    ],
    [
      'malformed YAML (to report it exactly)',
      'kind: Pod\nmetadata: [\n',
      (r) => expect(r).toEqual({ text: '', reports: [], problems: [{ line: 3, col: 1, message: expect.stringMatching(/^Flow sequence in block collection must be sufficiently indented and end with a \]/) }] }),
    ],
    [
      'a YAML proxy.istio.io/config annotation',
      withProxyConfig('"a: [1,\\n 2]"'),
      (r) => {
        injectedOnce(r);
        const expected = fastInjected(withProxyConfig('"a: [1, 2]"'));
        expected.metadata.annotations['proxy.istio.io/config'] = 'a: [1,\n 2]';
        expect(YAML.parse(r.text)).toEqual(expected);
        expect(r.text).toContain('{"a":[1,2]}');
      },
    ],
  ])('%s asks for it, and works with it', async (_name, text, check) => {
    expect(() => injectAll(text, config)).toThrow(NeedsFullYaml);
    check(await withFullYamlIfNeeded((yaml) => injectAll(text, config, yaml)));
  });
});
