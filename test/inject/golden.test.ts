/**
 * Golden files: each test/fixtures/inject/<case>/ has input.yaml, the expected output.yaml and the expected
 * report.txt (stderr), and optionally case.json with extra flags (paths relative to the case folder).
 * `UPDATE_GOLDEN=1 npx vitest run test/inject` rewrites the expected files; review the diff like code. A missing
 * expected file is a failure (test/support/golden.ts).
 * Every case is also injected a second time (nothing may change) and uninjected: the input must come back,
 * compared value for value, except for the few cases below whose difference is spelled out exactly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runSailctl } from '../support/cli.js';
import { expectGoldenFile } from '../support/golden.js';

const root = fileURLToPath(new URL('../fixtures/inject/', import.meta.url));
const cases = readdirSync(root).filter((d) => existsSync(join(root, d, 'input.yaml'))).sort();

/** A parsed YAML document. */
type Doc = Record<string, any>;

/** A copy of the parsed input with the one workload's pod template edited. */
function withTemplate(input: Doc[], edit: (template: Doc) => void): Doc[] {
  const docs = structuredClone(input);
  edit((docs[0] as Doc).spec.template);
  return docs;
}

/**
 * Cases whose uninjected output is not the input, with the reason and the exact difference: what uninject gives
 * back is the input with this edit, nothing more and nothing less.
 */
const NOT_EXACT_INVERSE: Readonly<Record<string, { reason: string; expected(input: Doc[]): Doc[] }>> = {
  probes: {
    reason: 'a named probe port comes back as its number (README: uninject)',
    expected: (input) =>
      withTemplate(input, (t) => {
        t.spec.containers[0].livenessProbe.httpGet.port = 8080;
      }),
  },
  'bare-template': {
    reason: 'the custom template adds the label sidecar.example.com/flavour, which uninject does not know',
    expected: (input) => {
      const docs = structuredClone(input);
      (docs[0] as Doc).metadata.labels['sidecar.example.com/flavour'] = 'minimal';
      return docs;
    },
  },
  'gateway-template': {
    reason: 'the gateway template sets a pod securityContext (sysctls) that uninject keeps',
    expected: (input) =>
      withTemplate(input, (t) => {
        t.spec.securityContext = { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] };
      }),
  },
  'upgrade-old-sidecar': {
    reason: 'the input is itself an injected workload: the workload comes back without its old sidecar',
    expected: (input) =>
      withTemplate(input, (t) => {
        t.metadata = { labels: { app: 'classic' } };
        t.spec.initContainers = t.spec.initContainers.filter((c: Doc) => c.name !== 'istio-init');
        t.spec.containers = t.spec.containers.filter((c: Doc) => c.name !== 'istio-proxy');
        delete t.spec.volumes;
      }),
  },
  'grpc-agent': {
    reason: 'the grpc-agent template adds an annotation, env vars and a volume mount to the app container, which uninject keeps',
    expected: (input) =>
      withTemplate(input, (t) => {
        t.metadata.annotations['sidecar.istio.io/rewriteAppHTTPProbers'] = 'false';
        Object.assign(t.spec.containers[0], {
          env: [
            { name: 'GRPC_XDS_BOOTSTRAP', value: '/etc/istio/proxy/grpc-bootstrap.json' },
            { name: 'GRPC_GO_LOG_VERBOSITY_LEVEL', value: '99' },
            { name: 'GRPC_GO_LOG_SEVERITY_LEVEL', value: 'info' },
          ],
          volumeMounts: [{ name: 'istio-xds', mountPath: '/etc/istio/proxy' }],
        });
      }),
  },
};

function docs(text: string): Doc[] {
  return parseAllDocuments(text).map((d) => d.toJS() as Doc);
}

describe('kube-inject golden files', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(20));
  it('lists known uninject differences only for cases that exist', () => expect(Object.keys(NOT_EXACT_INVERSE).filter((n) => !cases.includes(n))).toEqual([]));

  describe.each(cases)('%s', (name) => {
    const dir = join(root, name);
    const extra = existsSync(join(dir, 'case.json')) ? (JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { args: string[] }).args : [];
    const input = readFileSync(join(dir, 'input.yaml'), 'utf8');

    it('matches output.yaml and report.txt', async () => {
      const r = await runSailctl(['kube-inject', '-f', 'input.yaml', ...extra], { cwd: dir });
      expect(r.exitCode, r.stderr).toBe(0);
      expectGoldenFile(join(dir, 'output.yaml'), r.stdout);
      expectGoldenFile(join(dir, 'report.txt'), r.stderr);
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

    const exception = NOT_EXACT_INVERSE[name];
    it(exception ? `x uninject gives the input back but for one known difference: ${exception.reason}` : 'x uninject gives the input back', async () => {
      const output = readFileSync(join(dir, 'output.yaml'), 'utf8');
      const back = await runSailctl(['x', 'uninject', '-f', '-'], { cwd: dir, stdin: output });
      expect(back.exitCode, back.stderr).toBe(0);
      const original = docs(input);
      expect(docs(back.stdout)).toEqual(exception ? exception.expected(original) : original);
    });
  });
});
