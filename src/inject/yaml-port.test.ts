import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { configFromInputs, builtInInjectInputs } from './defaults.js';
import { injectAll } from './index.js';
import { NeedsFullYaml, withFullYamlIfNeeded } from './yaml-port.js';

const config = configFromInputs(builtInInjectInputs());
const plain = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x}]\n';
const list = `apiVersion: v1\nkind: List\nitems:\n- ${plain.trimEnd().split('\n').join('\n  ')}\n`;
const anchors = 'apiVersion: v1\nkind: Pod\nmetadata: {name: &n p, labels: {app: *n}}\nspec:\n  containers: [{name: c, image: x}]\n';

describe('the full YAML parser is loaded only when needed', () => {
  it('plain block YAML needs only the fast reader', () => {
    expect(injectAll(plain, config).reports.map((r) => r.outcome.action)).toEqual(['injected']);
  });

  it.each([
    ['a kind: List', list],
    ['anchors and aliases', anchors],
    ['malformed YAML (to report it exactly)', 'kind: Pod\nmetadata: [\n'],
    ['a YAML proxy.istio.io/config annotation', plain.replace('metadata: {name: p}', 'metadata:\n  name: p\n  annotations:\n    proxy.istio.io/config: "a: [1,\\n 2]"')],
  ])('%s asks for it, and works with it', async (_name, text) => {
    expect(() => injectAll(text, config)).toThrow(NeedsFullYaml);
    const viaHelper = await withFullYamlIfNeeded((yaml) => injectAll(text, config, yaml));
    expect(viaHelper).toEqual(injectAll(text, config, YAML));
  });
});
