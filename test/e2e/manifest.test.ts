/**
 * `manifest generate` / `profile` through the built binary (npm test builds dist/ first): offline commands
 * must never load the Kubernetes client, and stdout carries only the YAML.
 */
import { execa } from 'execa';
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

  it('profile dump and bad input exit codes', async () => {
    expect((await sailctl(['profile', 'dump', 'ambient'])).exitCode).toBe(0);
    const bad = await sailctl(['manifest', 'generate', '--set', 'values.global.proxyy=1']);
    expect(bad.exitCode).toBe(65);
    expect(bad.stderr).toContain('values.global.proxyy');
  });
});
