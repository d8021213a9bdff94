/** kube-inject and x uninject through the in-process CLI: options, bad input, exit codes, files. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSailctl } from '../support/cli.js';

const pod = (annotations = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n${annotations ? `  annotations:\n${annotations}` : ''}spec:\n  containers:\n  - name: web\n    image: example.com/web:1\n`;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'sailctl-kube-inject-'));
}

describe('sailctl kube-inject: bad input', () => {
  it('exits 64 without -f', async () => {
    const r = await runSailctl(['kube-inject']);
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toContain('missing -f/--filename');
  });

  it('exits 65 with file:line:col for malformed YAML and leaves the -o target alone', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.yaml'), `${pod()}---\nkind: Pod\nmetadata: {name: [x}\n`);
    writeFileSync(join(dir, 'out.yaml'), 'previous\n');
    const r = await runSailctl(['kube-inject', '-f', 'bad.yaml', '-o', 'out.yaml'], { cwd: dir });
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toMatch(/^Error: bad\.yaml:12:20: Flow sequence/);
    expect(r.stderr).toContain('Nothing was written.');
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toBe('previous\n');
  });

  it('exits 65 naming the workload and the annotation for an invalid traffic annotation', async () => {
    const r = await runSailctl(['kube-inject', '-f', '-'], { stdin: pod('    traffic.sidecar.istio.io/includeOutboundIPRanges: "bad"\n') });
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('Error: -:1:1: Pod web: annotation traffic.sidecar.istio.io/includeOutboundIPRanges: expected "*" or a comma-separated list of CIDRs, got "bad"');
    expect(r.stdout).toBe('');
  });

  it('exits 65 for input that is not UTF-8, or larger than 32 MiB', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.from('kind: Pod\nmetadata: {name: caf\xe9}\n', 'latin1'));
    const latin = await runSailctl(['kube-inject', '-f', 'latin1.yaml'], { cwd: dir });
    expect(latin.exitCode).toBe(65);
    expect(latin.stderr).toContain('latin1.yaml:1:1: input is not valid UTF-8 text');
    writeFileSync(join(dir, 'huge.yaml'), Buffer.alloc(33 * 1024 * 1024, 0x20));
    const huge = await runSailctl(['kube-inject', '-f', 'huge.yaml', '--max-input-size', '32Mi'], { cwd: dir });
    expect(huge.exitCode).toBe(65);
    expect(huge.stderr).toMatch(/huge\.yaml:1:1: file is 33 MiB, over the 32 MiB limit/);
    writeFileSync(join(dir, 'bigdoc.yaml'), `${pod()}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  big: ${'x'.repeat(33 * 1024 * 1024)}\n`);
    const doc = await runSailctl(['kube-inject', '-f', 'bigdoc.yaml'], { cwd: dir });
    expect([doc.exitCode, doc.stderr.split('\n')[0]]).toEqual([65, 'Error: bigdoc.yaml:11:1: document is over the 32 MiB limit per document']);
    const bad = await runSailctl(['kube-inject', '-f', 'bigdoc.yaml', '--max-input-size', '1Ti'], { cwd: dir });
    expect([bad.exitCode, bad.stderr]).toEqual([64, 'Error: invalid --max-input-size "1Ti": expected a size such as 256Mi or 1000000\n']);
  });

  it('exits 64 for --in-place on standard input and for an unknown --report format', async () => {
    expect((await runSailctl(['kube-inject', '-f', '-', '--in-place'], { stdin: pod() })).exitCode).toBe(64);
    expect((await runSailctl(['kube-inject', '-f', '-', '--report', 'xml'], { stdin: pod() })).exitCode).toBe(64);
  });

  it('exits 65 naming the file for a template that does not compile', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'broken.tmpl'), 'spec:\n  containers:\n  - name: istio-proxy\n    image: {{ .ProxyImage | nosuchfunc }}\n');
    const r = await runSailctl(['kube-inject', '-f', '-', '--injectConfigFile', 'broken.tmpl'], { cwd: dir, stdin: pod() });
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toBe('Error: broken.tmpl: template: sidecar:4:28: function "nosuchfunc" not defined\n');
  });

  it('exits 65 for an unknown template named by inject.istio.io/templates', async () => {
    const r = await runSailctl(['kube-inject', '-f', '-'], { stdin: pod('    inject.istio.io/templates: nope\n') });
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('requested template "nope" not found; have agentgateway, gateway, grpc-agent, grpc-simple, kube-gateway, sidecar, waypoint');
  });
});

describe('sailctl kube-inject: output', () => {
  it('gives the report as JSON on stderr with --report json', async () => {
    const r = await runSailctl(['kube-inject', '-f', '-', '--report', 'json'], { stdin: `${pod()}---\n${pod().replace('name: web', 'name: off').replace('spec:', 'spec:\n  hostNetwork: true')}` });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stderr)).toEqual([
      { file: '-', line: 1, column: 1, kind: 'Pod', namespace: 'shop', name: 'web', result: 'injected' },
      { file: '-', line: 11, column: 1, kind: 'Pod', namespace: 'shop', name: 'off', result: 'skipped', reason: 'hostNetwork is enabled' },
    ]);
  });

  it('--in-place rewrites the input file; -o writes another file and nothing to stdout', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'app.yaml'), pod());
    const out = await runSailctl(['kube-inject', '-f', 'app.yaml', '-o', 'injected.yaml'], { cwd: dir });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toBe('');
    const injected = readFileSync(join(dir, 'injected.yaml'), 'utf8');
    expect(injected).toContain('name: istio-proxy');
    const inPlace = await runSailctl(['kube-inject', '-f', 'app.yaml', '--in-place'], { cwd: dir });
    expect(inPlace.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'app.yaml'), 'utf8')).toBe(injected);
  });

  it('-o naming the input file reads it in full first (no truncation), as --in-place does; x uninject --in-place undoes it', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'app.yaml'), pod());
    expect((await runSailctl(['kube-inject', '-f', 'app.yaml', '-o', 'app.yaml'], { cwd: dir })).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'app.yaml'), 'utf8')).toContain('name: istio-proxy');
    expect((await runSailctl(['x', 'uninject', '-f', 'app.yaml', '--in-place'], { cwd: dir })).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'app.yaml'), 'utf8')).toBe(pod());
  });

  it('an interrupted --in-place leaves the input byte-identical and says so (exit 130)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'app.yaml'), pod());
    const controller = new AbortController();
    controller.abort();
    const r = await runSailctl(['kube-inject', '-f', 'app.yaml', '--in-place'], { cwd: dir, signal: controller.signal });
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toContain('app.yaml was not changed.');
    expect(readFileSync(join(dir, 'app.yaml'), 'utf8')).toBe(pod());
    expect(readdirSync(dir)).toEqual(['app.yaml']);
  });

  it('-o - writes standard output; -o into a missing directory or onto a directory exits 73 naming it', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'app.yaml'), pod());
    const dash = await runSailctl(['kube-inject', '-f', 'app.yaml', '-o', '-'], { cwd: dir });
    expect(dash.stdout).toContain('name: istio-proxy');
    const missing = await runSailctl(['kube-inject', '-f', 'app.yaml', '-o', 'nope/out.yaml'], { cwd: dir });
    expect([missing.exitCode, missing.stderr]).toEqual([73, `Error: cannot write nope/out.yaml: directory ${join(dir, 'nope')} does not exist\n`]);
    const onDir = await runSailctl(['x', 'uninject', '-f', 'app.yaml', '-o', '.'], { cwd: dir });
    expect(onDir.exitCode).toBe(73);
    expect(onDir.stderr).toContain('refusing to write .: it is a directory, not a regular file');
  });

  it('-r sets the revision: status, istio.io/rev and the CA address', async () => {
    const r = await runSailctl(['kube-inject', '-f', '-', '-r', 'canary'], { stdin: pod() });
    expect(r.stdout).toContain('istio.io/rev: canary');
    expect(r.stdout).toContain('"revision":"canary"');
    expect(r.stdout).toContain('value: istiod-canary.istio-system.svc:15012');
  });
});

describe('sailctl kube-inject --check', () => {
  it('exits 1 listing workloads without a sidecar, 0 when all are current', async () => {
    const missing = await runSailctl(['kube-inject', '--check', '-f', '-'], { stdin: pod() });
    expect(missing.exitCode).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('Pod/shop/web: missing: no sidecar (-:1:1)');
    expect(missing.stderr).toContain('\n1 of 1 workloads are not injected or carry a stale sidecar\n');
    expect(missing.stderr).not.toContain('Error'); // drift is the answer, not an error
    const injected = (await runSailctl(['kube-inject', '-f', '-'], { stdin: pod() })).stdout;
    const current = await runSailctl(['kube-inject', '--check', '-f', '-'], { stdin: injected });
    expect(current.exitCode).toBe(0);
    expect(current.stderr).toBe('Pod/shop/web: current (-:1:1)\n');
  });

  it('keeps stderr one JSON document with --report json', async () => {
    const r = await runSailctl(['kube-inject', '--check', '-f', '-', '--report', 'json'], { stdin: pod() });
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stderr)).toEqual([{ file: '-', line: 1, column: 1, kind: 'Pod', namespace: 'shop', name: 'web', result: 'missing', reason: 'no sidecar' }]);
  });

  it('finds a stale sidecar (an older proxy image, or other settings)', async () => {
    const injected = (await runSailctl(['kube-inject', '-f', '-'], { stdin: pod() })).stdout;
    const old = injected.replaceAll('proxyv2:1.31.4', 'proxyv2:1.20.0');
    const r = await runSailctl(['kube-inject', '--check', '-f', '-'], { stdin: old });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('Pod/shop/web: stale: sidecar differs from what injection gives now');
    const withOtherRevision = await runSailctl(['kube-inject', '--check', '-f', '-', '-r', 'canary'], { stdin: injected });
    expect(withOtherRevision.exitCode).toBe(1);
  });
});

describe('sailctl x uninject', () => {
  it('removes the sidecar and reports each workload', async () => {
    const injected = (await runSailctl(['kube-inject', '-f', '-'], { stdin: pod() })).stdout;
    const r = await runSailctl(['x', 'uninject', '-f', '-'], { stdin: injected });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(pod());
    expect(r.stderr).toBe('Pod/shop/web: uninjected (-:1:1)\n');
    const again = await runSailctl(['x', 'uninject', '-f', '-'], { stdin: pod() });
    expect(again.stdout).toBe(pod());
    expect(again.stderr).toBe('Pod/shop/web: unchanged: no sidecar (-:1:1)\n');
  });
});
