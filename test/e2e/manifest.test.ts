/**
 * `manifest generate` / `profile` through the built binary (npm test builds dist/ first): offline commands
 * must never load the Kubernetes client, and stdout carries only the YAML.
 */
import { execa } from 'execa';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const bin = fileURLToPath(new URL('../../bin/sailctl.js', import.meta.url));
const deny = fileURLToPath(new URL('../support/deny-kube-client.mjs', import.meta.url));

const sailctl = (args: string[]) =>
  execa(process.execPath, ['--import', deny, bin, ...args], { reject: false, env: { NO_COLOR: '1', KUBECONFIG: '/nonexistent' } });

describe('sailctl manifest / profile (binary)', () => {
  it('manifest generate renders without the Kubernetes client; stdout is only YAML', async () => {
    const r = await sailctl(['manifest', 'generate', '--set', 'profile=demo']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const docs = parseAllDocuments(r.stdout);
    expect(docs.every((d) => d.errors.length === 0)).toBe(true);
    expect(docs.length).toBeGreaterThan(20);
  });

  it('manifest diff: differences are exit 2 with a plain summary on stderr, never "Error:"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-diff-'));
    writeFileSync(join(dir, 'a.yaml'), (await sailctl(['manifest', 'generate'])).stdout);
    writeFileSync(join(dir, 'b.yaml'), (await sailctl(['manifest', 'generate', '--set', 'tag=1.30.0'])).stdout);
    const r = await sailctl(['manifest', 'diff', join(dir, 'a.yaml'), join(dir, 'b.yaml')]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toContain('~ Deployment:istio-system:istiod');
    expect(r.stderr).toMatch(/^\d+ objects differ: 0 only in \S+b\.yaml, 0 only in \S+a\.yaml, \d+ changed$/);
    const same = await sailctl(['manifest', 'diff', join(dir, 'a.yaml'), join(dir, 'a.yaml')]);
    expect([same.exitCode, same.stdout, same.stderr]).toEqual([0, '', 'Manifests are identical']);
  });

  it('profile dump and bad input exit codes', async () => {
    expect((await sailctl(['profile', 'dump', 'ambient'])).exitCode).toBe(0);
    const bad = await sailctl(['manifest', 'generate', '--set', 'values.global.proxyy=1']);
    expect(bad.exitCode).toBe(65);
    expect(bad.stderr).toContain('values.global.proxyy');
  });
});
