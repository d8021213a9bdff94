/** `manifest generate|diff` and `profile list|dump|diff` through the in-process CLI runner. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { runSailctl } from '../support/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'sailctl-manifest-'));
const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
const iop = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: minimal\n  values:\n    global:\n      logAsJson: true\n';

describe('sailctl manifest generate', () => {
  it('prints the default install as YAML on stdout and nothing on stderr', async () => {
    const r = await runSailctl(['manifest', 'generate']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const kinds = docs(r.stdout).map((d) => `${d.kind}/${d.metadata.name}`);
    expect(kinds).toContain('Deployment/istiod');
    expect(kinds).toContain('Deployment/istio-ingressgateway');
  });

  it('reads -f files (and - for stdin) with --set on top, and accepts --profile and --set profile=', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'iop.yaml'), iop);
    const r = await runSailctl(['manifest', 'generate', '-f', 'iop.yaml', '--set', 'values.pilot.env.FOO=bar'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('--log_as_json');
    expect(r.stdout).toContain('name: FOO');
    expect(docs(r.stdout).some((d) => d.metadata.name === 'istio-ingressgateway')).toBe(false);
    const stdin = await runSailctl(['manifest', 'generate', '-f', '-', '--set', 'profile=demo'], { stdin: iop });
    expect(docs(stdin.stdout).some((d) => d.kind === 'Deployment' && d.metadata.name === 'istio-egressgateway')).toBe(true);
    const flag = await runSailctl(['manifest', 'generate', '--profile', 'empty']);
    expect([flag.exitCode, flag.stdout]).toEqual([0, '']);
  });

  it('-r names the control plane after the revision', async () => {
    const r = await runSailctl(['manifest', 'generate', '-r', 'canary', '--component', 'pilot']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(docs(r.stdout).filter((d) => d.kind === 'Deployment').map((d) => d.metadata.name)).toEqual(['istiod-canary']);
  });

  it('-o DIR writes one file per component', async () => {
    const dir = tmp();
    const r = await runSailctl(['manifest', 'generate', '--set', 'profile=ambient', '-o', join(dir, 'out')]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['Base.yaml', 'Cni.yaml', 'Pilot.yaml', 'Ztunnel.yaml']);
    expect(readFileSync(join(dir, 'out', 'Ztunnel.yaml'), 'utf8')).toContain('kind: DaemonSet');
    expect(r.stderr).toMatch(/^Wrote \d+ objects in 4 files to /);
  });

  it('-o DIR replaces its own earlier output (no stale component file) and refuses a directory holding other files', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    expect((await runSailctl(['manifest', 'generate', '--set', 'profile=ambient', '-o', out])).exitCode).toBe(0);
    expect((await runSailctl(['manifest', 'generate', '--component', 'base', '-o', out])).exitCode).toBe(0);
    expect(readdirSync(out)).toEqual(['Base.yaml']);
    writeFileSync(join(out, 'mine.txt'), 'keep');
    const r = await runSailctl(['manifest', 'generate', '-o', out]);
    expect(r.exitCode).toBe(73);
    expect(r.stderr).toContain('it holds entries sailctl did not write (mine.txt)');
    expect(readdirSync(out).sort()).toEqual(['Base.yaml', 'mine.txt']);
    const proc = await runSailctl(['manifest', 'generate', '-o', '/proc/x']);
    expect([proc.exitCode, proc.stderr.split('\n')[0]]).toEqual([73, 'Error: refusing to write /proc/x: /proc/x is on /proc, a kernel file system']);
  });

  it.each([
    [['--set', 'values.global.proxyy.foo=1'], 65, 'unknown field "values.global.proxyy"'],
    [['--set', 'profile=nope'], 65, 'unknown profile "nope"'],
    [['--set', 'values.global.logAsJson=maybe'], 65, 'expected true or false'],
    [['-f', 'missing.yaml'], 65, 'missing.yaml:1:1: no such file or directory'],
    [['--component', 'Mixer'], 64, 'unknown component "Mixer"'],
    [['-r', 'Not_Valid'], 64, 'invalid --revision "Not_Valid"'],
  ])('%j fails with exit %i and says why, without a stack', async (args, code, message) => {
    const r = await runSailctl(['manifest', 'generate', ...args], { cwd: tmp() });
    expect(r.exitCode).toBe(code);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('an unknown field in a file is reported at file:line:col; --force makes it a warning on stderr', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.yaml'), iop.replace('logAsJson', 'logAsJsn'));
    const r = await runSailctl(['manifest', 'generate', '-f', 'bad.yaml'], { cwd: dir });
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('bad.yaml:7:7: unknown field "values.global.logAsJsn"');
    const forced = await runSailctl(['manifest', 'generate', '-f', 'bad.yaml', '--force'], { cwd: dir });
    expect(forced.exitCode).toBe(0);
    expect(forced.stderr).toContain('Warning: bad.yaml:7:7: unknown field');
    expect(forced.stdout).toContain('kind: Deployment');
  });
});

describe('sailctl manifest diff', () => {
  async function twoManifests(extra: string[]) {
    const dir = tmp();
    const a = await runSailctl(['manifest', 'generate']);
    const b = await runSailctl(['manifest', 'generate', ...extra]);
    writeFileSync(join(dir, 'a.yaml'), a.stdout);
    writeFileSync(join(dir, 'b.yaml'), b.stdout);
    return dir;
  }

  it('exit 0 and nothing on stdout when the manifests are the same', async () => {
    const dir = await twoManifests([]);
    const r = await runSailctl(['manifest', 'diff', 'a.yaml', 'b.yaml'], { cwd: dir });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([0, '', 'Manifests are identical\n']);
  });

  it('exit 2 with object and field differences: a result, summed up plainly on stderr (no "Error:")', async () => {
    const dir = await twoManifests(['--set', 'tag=1.30.0', '--set', 'components.egressGateways[0].enabled=true']);
    const r = await runSailctl(['manifest', 'diff', 'a.yaml', 'b.yaml'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^\d+ objects differ: [1-9]\d* only in b\.yaml, 0 only in a\.yaml, [1-9]\d* changed\n$/);
    expect(r.stdout).toContain('+ Deployment:istio-system:istio-egressgateway (only in b.yaml)');
    expect(r.stdout).toContain('    ~ spec.template.spec.containers[name=discovery].image: "docker.io/istio/pilot:1.31.4" -> "docker.io/istio/pilot:1.30.0"');
    const json = await runSailctl(['manifest', 'diff', 'a.yaml', 'b.yaml', '-o', 'json', '--ignore', 'metadata.labels'], { cwd: dir });
    expect(json.exitCode).toBe(2);
    expect(json.stderr).not.toContain('Error');
    const out = JSON.parse(json.stdout) as { identical: boolean; differences: Array<{ key: string; changes: Array<{ path: string }> }> };
    expect(out.identical).toBe(false);
    expect(out.differences.flatMap((d) => d.changes).some((c) => c.path.startsWith('metadata.labels'))).toBe(false);
  });

  it('bad input: missing file 65, missing argument 64', async () => {
    expect((await runSailctl(['manifest', 'diff', 'nope.yaml', 'nope2.yaml'], { cwd: tmp() })).exitCode).toBe(65);
    expect((await runSailctl(['manifest', 'diff', 'one.yaml'])).exitCode).toBe(64);
  });
});

describe('sailctl profile', () => {
  it('list names every profile', async () => {
    const r = await runSailctl(['profile', 'list', '-o', 'json']);
    expect((JSON.parse(r.stdout) as Array<{ name: string }>).map((p) => p.name)).toEqual(['ambient', 'default', 'demo', 'empty', 'minimal', 'preview', 'remote', 'stable']);
    expect((await runSailctl(['profile', 'list'])).stdout).toMatch(/^PROFILE\s+DESCRIPTION\nambient\s/);
  });

  it('dump prints the profile as an IstioOperator, or one part of it with --config-path', async () => {
    const r = await runSailctl(['profile', 'dump', 'demo']);
    const doc = parse(r.stdout) as { kind: string; spec: { profile: string; components: { egressGateways: Array<{ enabled: boolean }> } } };
    expect([doc.kind, doc.spec.profile, doc.spec.components.egressGateways[0]?.enabled]).toEqual(['IstioOperator', 'demo', true]);
    const part = await runSailctl(['profile', 'dump', 'demo', '--config-path', 'values.pilot', '-o', 'json']);
    expect(JSON.parse(part.stdout)).toMatchObject({ autoscaleEnabled: false, traceSampling: 100 });
    const withSet = await runSailctl(['profile', 'dump', '--set', 'values.global.hub=x', '--config-path', 'values.global.hub']);
    expect(withSet.stdout).toBe('x\n');
  });

  it('dump of an unknown profile or an unset path is exit 65', async () => {
    expect((await runSailctl(['profile', 'dump', 'nope'])).exitCode).toBe(65);
    expect((await runSailctl(['profile', 'dump', 'default', '--config-path', 'values.nothing'])).exitCode).toBe(65);
  });

  it('diff shows the fields two profiles set differently, exit 2 with a plain summary', async () => {
    const r = await runSailctl(['profile', 'diff', 'default', 'minimal']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^Profiles default and minimal differ in \d+ fields\n$/);
    expect(r.stdout).toContain('spec.components.ingressGateways[name=istio-ingressgateway].enabled: true -> false');
    expect((await runSailctl(['profile', 'diff', 'default', 'default'])).exitCode).toBe(0);
  });
});
