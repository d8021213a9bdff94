/**
 * `sailctl validate` through the built binary (npm test builds dist/ first): offline (never loads the
 * Kubernetes client), findings on stdout, the summary on stderr, exit 0 / 65, no stack traces.
 */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/sailctl.js', import.meta.url));
const deny = fileURLToPath(new URL('../support/deny-kube-client.mjs', import.meta.url));
const sailctl = (args: string[], input?: string) =>
  execa(process.execPath, ['--import', deny, bin, ...args], { reject: false, input, env: { NO_COLOR: '1', KUBECONFIG: '/nonexistent' } });

const VALID = 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw}\nspec:\n  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]\n';

describe('sailctl validate (binary)', () => {
  it('validates standard input without the Kubernetes client', async () => {
    const r = await sailctl(['validate', '-f', '-'], VALID);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('✔ validated 1 resource');
  });

  it('exits 65 with file:line:col findings on stdout, even for malformed YAML next to valid documents', async () => {
    const r = await sailctl(['validate', '-f', '-'], `${VALID.replace('protocol: HTTP', 'protocol: HTTP, extra: 1')}---\nkey: [\n`);
    expect(r.exitCode).toBe(65);
    expect(r.stdout).toContain('-:5:61  Gateway default/gw  spec.servers[0].port.extra: unknown field "extra"');
    expect(r.stdout).toMatch(/^-:8:\d+ {2}error: /m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
