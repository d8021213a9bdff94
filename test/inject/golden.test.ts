/**
 * Golden files: each test/fixtures/inject/<case>/ has input.yaml, the expected output.yaml and the expected
 * report.txt (stderr), and optionally case.json with extra flags (paths relative to the case folder).
 * `UPDATE_GOLDEN=1 npx vitest run test/inject` rewrites the expected files; review the diff like code.
 * Every case is also injected a second time (nothing may change) and uninjected (the input must come back).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runSailctl } from '../support/cli.js';

const root = fileURLToPath(new URL('../fixtures/inject/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(root).filter((d) => existsSync(join(root, d, 'input.yaml'))).sort();

/** Cases whose round trip cannot be exact, with the reason. */
const NOT_EXACT_INVERSE: Readonly<Record<string, string>> = {
  probes: 'a named probe port comes back as its number',
  'user-proxy-override': 'the user istio-proxy container comes back after the app containers, with image auto',
  'bare-template': 'a custom template adds a label uninject does not know',
  'gateway-template': 'the gateway template sets a pod securityContext (sysctls) that uninject keeps',
  'upgrade-old-sidecar': 'the input is itself an injected workload',
  'grpc-agent': 'the grpc-agent template adds env vars and a volume mount to the app containers',
};

function docs(text: string): unknown[] {
  return parseAllDocuments(text).map((d) => d.toJS());
}

function golden(file: string, actual: string): void {
  if (update || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('kube-inject golden files', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(20));

  describe.each(cases)('%s', (name) => {
    const dir = join(root, name);
    const extra = existsSync(join(dir, 'case.json')) ? (JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { args: string[] }).args : [];
    const input = readFileSync(join(dir, 'input.yaml'), 'utf8');

    it('matches output.yaml and report.txt', async () => {
      const r = await runSailctl(['kube-inject', '-f', 'input.yaml', ...extra], { cwd: dir });
      expect(r.exitCode, r.stderr).toBe(0);
      golden(join(dir, 'output.yaml'), r.stdout);
      golden(join(dir, 'report.txt'), r.stderr);
    });

    it('is idempotent: injecting the output again changes nothing, and --check says current', async () => {
      const output = readFileSync(join(dir, 'output.yaml'), 'utf8');
      const again = await runSailctl(['kube-inject', '-f', '-', ...extra], { cwd: dir, stdin: output });
      expect(again.exitCode, again.stderr).toBe(0);
      expect(again.stdout).toBe(output);
      const check = await runSailctl(['kube-inject', '--check', '-f', '-', ...extra], { cwd: dir, stdin: output });
      expect(check.exitCode, check.stderr).toBe(0);
      expect(check.stderr).not.toMatch(/stale|missing/);
    });

    it(name in NOT_EXACT_INVERSE ? `x uninject removes the sidecar (not an exact inverse: ${NOT_EXACT_INVERSE[name]})` : 'x uninject gives the input back', async () => {
      const output = readFileSync(join(dir, 'output.yaml'), 'utf8');
      const back = await runSailctl(['x', 'uninject', '-f', '-'], { cwd: dir, stdin: output });
      expect(back.exitCode, back.stderr).toBe(0);
      if (name in NOT_EXACT_INVERSE) {
        expect(back.stdout).not.toContain('sidecar.istio.io/status');
        expect(back.stdout).not.toMatch(/name: istio-(init|validation)\n/);
      } else expect(docs(back.stdout)).toEqual(docs(input));
    });
  });
});
