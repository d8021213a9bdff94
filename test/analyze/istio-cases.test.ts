/**
 * Istio's own analyzer test table, run through sailctl. Each case folder (../shared/reference/istio/analyzers/
 * cases, or the folder in SAILCTL_ISTIO_CASES) names one analyzer, its input files, an optional mesh config and
 * the exact multiset of (code, origin) upstream expects. sailctl runs it the way upstream's table does: that
 * analyzer alone, offline, the files as the whole state (`--use-kube=false --snapshot`), namespaces as written
 * (`-A`: a resource without one keeps none), with the case's --meshConfigFile / --meshNetworksFile.
 * A case that does not match fails; the suite is skipped only when the reference folder is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runSailctl } from '../support/cli.js';

interface IstioCase {
  name: string;
  index: number;
  analyzer: string;
  files: string[];
  meshConfigFile: string | null;
  meshNetworksFile: string | null;
  expected: Array<{ code: string; origin: string }>;
}

const root = process.env.SAILCTL_ISTIO_CASES ?? fileURLToPath(new URL('../../../shared/reference/istio/analyzers/cases/', import.meta.url));
const folders = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, 'case.json'))).sort() : [];

/** The sorted multiset as lines, so a mismatch shows as a readable diff. */
function multiset(pairs: ReadonlyArray<{ code: string; origin: string }>): string[] {
  return pairs.map((p) => `${p.code} ${p.origin}`).sort();
}

export async function runCase(dir: string, c: IstioCase): Promise<string[]> {
  const args = ['analyze', '--use-kube=false', '--snapshot', '-A', '--analyzer', c.analyzer, '-o', 'json'];
  if (c.meshConfigFile) args.push('--meshConfigFile', c.meshConfigFile);
  if (c.meshNetworksFile) args.push('--meshNetworksFile', c.meshNetworksFile);
  const r = await runSailctl([...args, ...c.files], { cwd: dir, env: { NO_COLOR: '1', KUBECONFIG: '/nonexistent' } });
  if (![0, 79].includes(r.exitCode)) throw new Error(`exit ${r.exitCode}: ${r.stderr}`);
  return multiset(JSON.parse(r.stdout) as Array<{ code: string; origin: string }>);
}

const results = new Map<string, boolean>();

describe.skipIf(folders.length === 0)(`Istio's analyzer test cases (${root})`, () => {
  afterAll(() => {
    const passed = [...results.values()].filter(Boolean).length;
    const failed = [...results].filter(([, ok]) => !ok).map(([name]) => name);
    process.stderr.write(`Istio analyzer cases: ${passed}/${results.size} pass${failed.length ? `; failing: ${failed.join(', ')}` : ''}\n`);
  });

  it.each(folders)('%s', async (folder) => {
    const dir = join(root, folder);
    const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as IstioCase;
    results.set(folder, false);
    const actual = await runCase(dir, c);
    expect(actual, `${c.name} (${c.analyzer})`).toEqual(multiset(c.expected));
    results.set(folder, true);
  });
});

// Only without the reference: a visible skip that says why (with it, nothing is reported as skipped).
if (folders.length === 0) {
  describe("Istio's analyzer test cases", () => {
    it.skip(`skipped: no reference cases at ${root} (set SAILCTL_ISTIO_CASES or check out ../shared)`, () => {});
  });
}
