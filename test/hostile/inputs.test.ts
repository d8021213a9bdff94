/** Inputs that must be refused before any request, through the built CLI: usage errors (64) and bad input (65). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectClean, runHostile } from './run.js';

// A kubeconfig pointing at a port nobody listens on: a request would be exit 69, so 64/65 prove none was made.
function offline(): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'sailctl-hostile-input-'));
  writeFileSync(
    join(dir, 'config'),
    "clusters:\n- name: c\n  cluster: {server: 'http://127.0.0.1:9'}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n",
  );
  return { dir, env: { KUBECONFIG: join(dir, 'config') } };
}

describe('hostile inputs are refused before any request', () => {
  it.each([
    [['uninstall', '--revision', 'Bad Rev', '-y'], 'Error: invalid --revision "Bad Rev": use lower-case letters'],
    [['verify-install', '-r', 'UPPER'], 'Error: invalid --revision "UPPER"'],
    [['proxy-status', '-r', '-x-'], 'Error: invalid --revision "-x-"'],
    [['--kubeclient-timeout', '9999999999s', 'version'], 'Error: invalid --kubeclient-timeout "9999999999s": at most 2147483647ms'],
    [['verify-install', '--wait', '600h'], 'Error: invalid --wait "600h": at most 2147483647ms'],
    [['analyze', '--timeout', '600h'], 'Error: invalid --timeout "600h": at most 2147483647ms'],
  ])('%j is a usage error (64)', async (args, message) => {
    const { env } = offline();
    const r = await runHostile(args, { env });
    expectClean(r, [64]);
    expect(r.stderr.startsWith(message), r.stderr).toBe(true);
  });

  it('an IstioOperator with an invalid gateway name is bad input (65), not rendered', async () => {
    const { dir } = offline();
    writeFileSync(
      join(dir, 'iop.yaml'),
      'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  components:\n    ingressGateways:\n    - name: Bad_Gateway\n      enabled: true\n',
    );
    const r = await runHostile(['manifest', 'generate', '-f', 'iop.yaml'], { cwd: dir });
    expectClean(r, [65]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('components.ingressGateways[0].name: invalid gateway name "Bad_Gateway"');
  });

  it('a 100 KB argument is echoed once, shortened', async () => {
    const long = 'x'.repeat(100_000);
    for (const args of [['manifest', 'generate', '--set', long], ['version', '-o', long], ['kube-inject', '-f', long], ['--kubeclient-timeout', long, 'version']]) {
      const r = await runHostile(args);
      expectClean(r, [64, 65]);
      expect(r.stderr.length, r.stderr).toBeLessThan(600);
      expect(r.stderr.split('x'.repeat(40)).length - 1).toBe(1);
      expect(r.stderr).toContain('…[100000 characters]');
    }
  });

  it('documents without metadata.name are located problems for validate and analyze (65), not merged as default/', async () => {
    const { dir } = offline();
    writeFileSync(
      join(dir, 'noname.yaml'),
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  namespace: shop\nspec: {hosts: [a]}\n---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nspec: {hosts: [b]}\n',
    );
    const validate = await runHostile(['validate', '-f', 'noname.yaml'], { cwd: dir });
    expectClean(validate, [65]);
    expect(validate.stdout).toContain('noname.yaml:3:1  error: VirtualService is missing metadata.name');
    expect(validate.stdout).toContain('noname.yaml:7:1  error: VirtualService is missing metadata.name');
    const analyze = await runHostile(['analyze', '--use-kube=false', 'noname.yaml'], { cwd: dir });
    expectClean(analyze, [65]);
    expect(analyze.stdout + analyze.stderr).toContain('noname.yaml:3:1: VirtualService is missing metadata.name');
    expect(analyze.stdout + analyze.stderr).not.toContain('default/');
  });
});
