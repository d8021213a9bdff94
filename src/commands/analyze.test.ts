/** `sailctl analyze` through the in-process CLI: every flag and format, and the exit code of each. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runSailctl } from '../../test/support/cli.js';

const cwd = new URL('../../test/fixtures/analyze/', import.meta.url).pathname;
const offline = ['analyze', '--use-kube=false'];
const run = (args: string[], options: { stdin?: string } = {}) => runSailctl([...offline, ...args], { cwd, ...options });

describe('analyze: log output (default)', () => {
  it('prints one line per finding with level, code, origin and file:line:column; exit 79', async () => {
    const r = await run(['mixed.yaml']);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'Error [IST0101] (VirtualService shop/broken mixed.yaml:23:7) The gateway "missing-gateway" it refers to does not exist',
      'Warning [IST0132] (VirtualService shop/otherhost mixed.yaml:33:14) Hosts [blog.example.com] of VirtualService otherhost are not served by Gateway shop/web',
      '    related: Gateway shop/web mixed.yaml:11:5: the Gateway servers',
    ]);
    expect(r.exitCode).toBe(79);
    expect(r.stderr).toContain('found issues at or above Error');
  });

  it('honours the galley.istio.io/analyze-suppress annotation', async () => {
    const r = await run(['mixed.yaml']);
    expect(r.stdout).not.toContain('shop/quiet');
  });

  it('says so on stderr when clean, keeps stdout empty, exit 0', async () => {
    const r = await run(['clean.yaml']);
    expect(r).toMatchObject({ exitCode: 0, stdout: '' });
    expect(r.stderr).toBe('✔ No validation issues found when analyzing all namespaces.\n');
  });

  it('names the namespace when -n is given, and shows only that namespace', async () => {
    const r = await runSailctl(['-n', 'other', ...offline, 'mixed.yaml'], { cwd });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('when analyzing namespace: other');
    const all = await runSailctl(['-n', 'other', ...offline, '-A', 'mixed.yaml'], { cwd });
    expect(all.exitCode).toBe(79);
  });
});

describe('analyze: machine formats', () => {
  it('json: an array with istioctl fields plus file/line/column/related', async () => {
    const r = await run(['mixed.yaml', '-o', 'json']);
    expect(r.exitCode).toBe(79);
    const out = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(out[0]).toEqual({
      code: 'IST0101',
      level: 'Error',
      origin: 'VirtualService shop/broken',
      reference: 'mixed.yaml:23',
      message: 'The gateway "missing-gateway" it refers to does not exist',
      documentationUrl: 'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
      file: 'mixed.yaml',
      line: 23,
      column: 7,
      related: [],
    });
    expect(out.map((d) => d.code)).toEqual(['IST0101', 'IST0132']);
  });

  it('yaml: the same records', async () => {
    const r = await run(['mixed.yaml', '-o', 'yaml']);
    expect(r.exitCode).toBe(79);
    const json = JSON.parse((await run(['mixed.yaml', '-o', 'json'])).stdout) as unknown;
    expect(parse(r.stdout)).toEqual(json);
  });

  it('json/yaml print an empty list when clean', async () => {
    expect((await run(['clean.yaml', '-o', 'json'])).stdout).toBe('[]\n');
    expect((await run(['clean.yaml', '-o', 'yaml'])).stdout).toBe('[]\n');
  });

  it('github: one workflow command per finding, with file, line and col', async () => {
    const r = await run(['mixed.yaml', '-o', 'github']);
    expect(r.exitCode).toBe(79);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^::error file=mixed\.yaml,line=23,col=7,title=IST0101 VirtualService shop\/broken::The gateway "missing-gateway"/);
    expect(lines[1]).toMatch(/^::warning file=mixed\.yaml,line=33,col=14,title=IST0132 /);
  });

  it.each(['log', 'json', 'yaml', 'sarif', 'github'])('exit code is 79 with -o %s when issues are found, 0 when clean', async (format) => {
    expect((await run(['mixed.yaml', '-o', format])).exitCode).toBe(79);
    expect((await run(['clean.yaml', '-o', format])).exitCode).toBe(0);
  });

  it('rejects an unknown format with exit 64', async () => {
    const r = await run(['mixed.yaml', '-o', 'xml']);
    expect(r.exitCode).toBe(64);
    expect(r.stdout).toBe('');
  });
});

describe('analyze: thresholds, suppressions, analyzers', () => {
  it('--output-threshold Error hides the warning; the exit code still counts errors', async () => {
    const r = await run(['mixed.yaml', '-o', 'json', '--output-threshold', 'Error']);
    expect((JSON.parse(r.stdout) as Array<{ code: string }>).map((d) => d.code)).toEqual(['IST0101']);
    expect(r.stderr).toContain('1 message(s) below --output-threshold Error not shown');
    expect(r.exitCode).toBe(79);
  });

  it('--failure-threshold decides whether warnings fail the run', async () => {
    const onlyWarning = ['mixed.yaml', '-S', 'IST0101=VirtualService shop/broken'];
    expect((await run(onlyWarning)).exitCode).toBe(0);
    expect((await run([...onlyWarning, '--failure-threshold', 'Warning'])).exitCode).toBe(79);
    expect((await run([...onlyWarning, '--failure-threshold', 'nonsense'])).exitCode).toBe(64);
  });

  it('-S accepts istioctl (name.namespace) and namespace/name forms with wildcards', async () => {
    for (const s of ['IST0101=VirtualService broken.shop', 'IST0101=VirtualService shop/*', 'IST01*=VirtualService *', '*=VirtualService *.shop']) {
      const r = await run(['mixed.yaml', '-o', 'json', '-S', s]);
      expect((JSON.parse(r.stdout) as Array<{ code: string }>).map((d) => d.code), s).not.toContain('IST0101');
    }
    expect((await run(['mixed.yaml', '-S', 'IST0101'])).exitCode).toBe(64);
  });

  it('-L lists the analyzers under Istio\'s names; --analyzer selects them, old names too', async () => {
    const list = await runSailctl(['analyze', '-L'], { cwd });
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toContain('virtualservice.GatewayAnalyzer');
    expect(list.stdout).toContain('schema.ValidationAnalyzer.VirtualService');
    expect(list.stdout).not.toContain('annotations.AlphaAnalyzer'); // opt-in: listed when named
    const one = await run(['mixed.yaml', '--analyzer', 'virtualservice.GatewayAnalyzer', '-o', 'json']);
    expect(one.exitCode).toBe(79);
    const alias = await run(['mixed.yaml', '--analyzer', 'authz.AuthorizationPoliciesAnalyzer', '-o', 'json']);
    expect(alias.stderr).not.toContain('Warning');
  });

  it('an unknown analyzer name alone runs every analyzer, as istioctl does, with a warning', async () => {
    const all = await run(['mixed.yaml', '-o', 'json']);
    const none = await run(['mixed.yaml', '--analyzer', 'nope.Missing', '-o', 'json']);
    expect(none.exitCode).toBe(all.exitCode);
    expect(none.stdout).toBe(all.stdout);
    expect(none.stderr).toContain('no analyzer is named "nope.Missing": no analyzer was selected, so all of them run');
    const mixed = await run(['mixed.yaml', '--analyzer', 'nope.Missing', '--analyzer', 'virtualservice.GatewayAnalyzer', '-o', 'json']);
    expect(mixed.stderr).toContain('no analyzer is named "nope.Missing": ignored');
  });
});

describe('analyze: baselines', () => {
  it('--write-baseline records the findings; --baseline then counts only new ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-baseline-'));
    const file = join(dir, 'baseline.json');
    const write = await run(['mixed.yaml', '--write-baseline', file]);
    expect(write.exitCode).toBe(79);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { findings: unknown[] }).findings).toHaveLength(2);
    const again = await run(['mixed.yaml', '--baseline', file]);
    expect(again).toMatchObject({ exitCode: 0, stdout: '' });
    expect(again.stderr).toContain('2 in the baseline');
    // A new finding is reported even though the old ones are in the baseline.
    const more = join(dir, 'more.yaml');
    writeFileSync(more, readFileSync(join(cwd, 'mixed.yaml'), 'utf8').replace('missing-gateway', 'another-missing'));
    const fresh = await run([more, '--baseline', file, '-o', 'json']);
    expect(fresh.exitCode).toBe(79);
    expect((JSON.parse(fresh.stdout) as Array<{ message: string }>).map((d) => d.message)).toEqual([
      'The gateway "another-missing" it refers to does not exist',
    ]);
  });

  it('a baseline that is not one is bad input (65)', async () => {
    const r = await run(['mixed.yaml', '--baseline', 'mesh.yaml']);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('not a sailctl baseline');
  });
});

describe('analyze: inputs', () => {
  it('reads stdin for -', async () => {
    const r = await run(['-'], { stdin: readFileSync(join(cwd, 'mixed.yaml'), 'utf8') });
    expect(r.exitCode).toBe(79);
    expect(r.stdout).toContain('(VirtualService shop/broken -:23:7)');
  });

  it('always descends into sub-directories, as istioctl; -R is accepted with a notice', async () => {
    const plain = await run(['tree']);
    expect(plain.exitCode).toBe(79);
    expect(plain.stdout).toContain('tree/sub/deep.yaml:8:14');
    const r = await run(['-R', 'tree']);
    expect(r.exitCode).toBe(79);
    expect(r.stdout).toBe(plain.stdout);
    expect(r.stderr.split('\n').filter((l) => l.includes('-R/--recursive'))).toHaveLength(1);
  });

  it('spells --ignore-unknown as istioctl, -k for --use-kube, --color forces colours', async () => {
    expect((await run(['broken.yaml', '--ignore-unknown'])).stderr).not.toMatch(/broken\.yaml:5:1/);
    const coloured = await run(['mixed.yaml', '--color']);
    expect(coloured.stdout).toContain('\u001b[');
    expect((await run(['mixed.yaml', '--color=false'])).stdout).not.toContain('\u001b[');
    const k = await runSailctl(['analyze', '-k=false', 'mixed.yaml', '-o', 'json'], { cwd });
    expect(k.exitCode).toBe(79);
  });

  it('reports unparseable documents with their location, still analyzes the rest, exit 65', async () => {
    const r = await run(['broken.yaml', 'mixed.yaml']);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toMatch(/broken\.yaml:5:1: /);
    expect(r.stdout).toContain('VirtualService shop/after-error');
    expect(r.stdout).toContain('VirtualService shop/broken');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('-o github also annotates unparseable input', async () => {
    const r = await run(['broken.yaml', '-o', 'github']);
    expect(r.exitCode).toBe(65);
    expect(r.stdout).toMatch(/^::error file=broken\.yaml,line=5,col=1,title=sailctl%3A unreadable input::/m);
  });

  it('--ignoreUnknown skips documents that do not parse as objects', async () => {
    const r = await run(['broken.yaml', '--ignoreUnknown']);
    expect(r.exitCode).toBe(79);
  });

  it('a missing file is bad input (65)', async () => {
    const r = await run(['nope.yaml']);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('nope.yaml:1:1: no such file or directory');
  });

  it('needs files when the cluster is not used; --snapshot needs --use-kube=false', async () => {
    expect((await run([])).exitCode).toBe(64);
    expect((await runSailctl(['analyze', '--snapshot', 'mixed.yaml'], { cwd })).exitCode).toBe(64);
  });

  it('--meshConfigFile is read (a missing one is bad input)', async () => {
    expect((await run(['clean.yaml', '--meshConfigFile', 'mesh.yaml'])).exitCode).toBe(0);
    expect((await run(['clean.yaml', '--meshConfigFile', 'missing.yaml'])).exitCode).toBe(65);
  });

  it('without a cluster, the default --use-kube fails with 69 and no stack trace', async () => {
    const r = await runSailctl(['analyze', 'clean.yaml'], { cwd, env: { KUBECONFIG: '/nonexistent/kubeconfig', HOME: '/nonexistent' } });
    expect(r.exitCode).toBe(69);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('analyze: secrets', () => {
  it('never prints Secret content, whatever the format', async () => {
    const secretValue = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBsecretish\n-----END CERTIFICATE-----\n').toString('base64');
    const input = `apiVersion: v1
kind: Secret
metadata: {name: shop-cert, namespace: istio-system}
type: kubernetes.io/tls
data: {tls.crt: ${secretValue}, tls.key: ${secretValue}}
---
apiVersion: v1
kind: Pod
metadata: {name: gw, namespace: istio-system, labels: {istio: ingressgateway}}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: web, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["*"], tls: {mode: SIMPLE, credentialName: shop-cert}}]
`;
    for (const format of ['log', 'json', 'yaml', 'sarif', 'github']) {
      const r = await run(['--snapshot', '-', '-o', format], { stdin: input });
      expect(r.exitCode, format).toBe(79);
      expect(r.stdout, format).toContain('IST0161');
      expect(r.stdout + r.stderr, format).not.toContain(secretValue.slice(0, 20));
      expect(r.stdout + r.stderr, format).not.toContain('secretish');
    }
  });
});

describe('analyze: schema validation (src/validators)', () => {
  it('reports schema errors of Istio objects as IST0106 at the offending field', async () => {
    const input = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: default}
spec:
  selector: {istio: ingressgateway}
  servrs: []
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
`;
    const r = await run(['-', '-o', 'json'], { stdin: input });
    expect(r.exitCode).toBe(79);
    const found = JSON.parse(r.stdout) as Array<{ code: string; line: number; message: string }>;
    expect(found.map((d) => [d.code, d.line])).toEqual([['IST0106', 6]]);
    expect(found[0]?.message).toContain('servrs');
  });
});
