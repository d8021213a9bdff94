/** Bounded parsing through the built CLI: deep nesting is a located 65, and kube-inject ∘ uninject holds at 10k workloads. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectClean, runHostile } from './run.js';

const head = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: deep\nspec:\n';

describe('bounded parsing', () => {
  it.each([
    ['5,000 flow levels', `${head}  containers: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 'deep.yaml:6:269'],
    ['3,000 block levels', `${head}${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i + 1)}a:\n`).join('')}`, 'deep.yaml:261:513'],
  ])('%s: kube-inject, x uninject, validate and analyze exit 65 at the location, without a stack overflow', async (_what, text, at) => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-hostile-parse-'));
    writeFileSync(join(dir, 'deep.yaml'), text);
    for (const args of [['kube-inject', '-f', 'deep.yaml'], ['x', 'uninject', '-f', 'deep.yaml'], ['validate', '-f', 'deep.yaml'], ['analyze', '--use-kube=false', 'deep.yaml']]) {
      const r = await runHostile(args, { cwd: dir });
      expectClean(r, [65]);
      expect(r.stdout + r.stderr).toMatch(new RegExp(`${at}:? +(error: )?nesting deeper than 256 levels`));
    }
  });

  it('kube-inject -> x uninject round trips 10,000 Deployments byte for byte (over the old 32 MiB stream limit)', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-hostile-10k-'));
    const deployment = (i: number) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: app-${i}\n` +
      `  template:\n    metadata:\n      labels:\n        app: app-${i}\n    spec:\n      containers:\n      - name: app\n        image: example.com/app:1\n`;
    const original = Array.from({ length: 10_000 }, (_, i) => deployment(i)).join('---\n');
    writeFileSync(join(dir, 'apps.yaml'), original);
    const inject = await runHostile(['kube-inject', '-f', 'apps.yaml', '-o', 'injected.yaml', '--report', 'json'], { cwd: dir, timeoutMs: 240_000 });
    expectClean(inject, [0]);
    expect(readFileSync(join(dir, 'injected.yaml')).length).toBeGreaterThan(32 * 1024 * 1024);
    const uninject = await runHostile(['x', 'uninject', '-f', 'injected.yaml', '-o', 'back.yaml', '--report', 'json'], { cwd: dir, timeoutMs: 240_000 });
    expectClean(uninject, [0]);
    expect(readFileSync(join(dir, 'back.yaml'), 'utf8') === original).toBe(true);
  });
});
