import { describe, expect, it } from 'vitest';
import { DEFAULT_MANIFEST } from './generated/default-manifest.js';
import { render, renderYaml } from './render.js';
import { resolveInstall } from './values.js';

describe('the precomputed default manifest (scripts/generate/50-default-manifest.ts)', () => {
  it('is what rendering the default install gives now', () => {
    const set = render(resolveInstall({ overlays: [], set: [], force: false }), { namespaces: false });
    expect(DEFAULT_MANIFEST.yaml).toBe(renderYaml(set));
    expect(DEFAULT_MANIFEST.warnings).toEqual(set.warnings);
    expect(DEFAULT_MANIFEST.yaml).toBe(renderYaml(render(resolveInstall({ profile: 'default', overlays: [], set: [], force: false }), { namespaces: false })));
  });
});
