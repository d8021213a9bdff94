import { describe, expect, it } from 'vitest';
import { buildInjectConfig } from './config.js';
import { templateData } from './data.js';
import { builtInInjectInputs } from './defaults.js';
import { INJECTOR_FUNC_NAMES, injectorFuncs } from './funcs.js';
import { BUILTIN_TEMPLATES, BUILTIN_TREES } from './generated/templates.js';
import { compileTemplate } from './gotemplate/index.js';
import { programFromTrees } from './precompiled.js';
import { proxyConfigFor } from './proxyconfig.js';

describe('precompiled builtin templates', () => {
  const config = buildInjectConfig(builtInInjectInputs(), {});
  const pod = {
    metadata: { labels: { app: 'web' }, annotations: { 'sidecar.istio.io/userVolume': '{"v":{"emptyDir":{}}}' } },
    spec: { containers: [{ name: 'web', image: 'x', ports: [{ name: 'http', containerPort: 80 }] }] },
  };
  const data = templateData({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'ns' } }, pod, config, proxyConfigFor(config.meshConfig, undefined));
  const funcs = injectorFuncs();

  it.each(Object.keys(BUILTIN_TEMPLATES))('%s: build-time trees execute exactly like parsing the text now', (name) => {
    const text = BUILTIN_TEMPLATES[name] as string;
    const parsed = compileTemplate(name, text, { funcNames: INJECTOR_FUNC_NAMES }).execute(data, { funcs });
    const prebuilt = programFromTrees(name, text, BUILTIN_TREES[name] as string, funcs).execute(data);
    expect(prebuilt).toBe(parsed);
    expect(prebuilt.length).toBeGreaterThan(200);
  });
});
