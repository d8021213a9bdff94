/** `sailctl validate` end to end in-process: output formats, exit codes, bad input. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSailctl } from '../../test/support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sailctl-validate-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const GATEWAY = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: web
  namespace: shop
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*.shop.example.com"]
`;
const BAD_VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 60
    - destination: {host: reviews, subset: v2}
      weight: 60
      colour: red
`;
const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n';

describe('sailctl validate', () => {
  it('says how many resources it validated and exits 0 when all are valid', async () => {
    const r = await runSailctl(['validate', '-f', file('ok.yaml', `${GATEWAY}---\n${CONFIGMAP}`)]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('✔ validated 1 resource; skipped 1 resource of kinds sailctl does not validate\n');
  });

  it('prints one line per error with file:line:col, kind, namespace/name and path, and exits 65', async () => {
    const p = file('bad.yaml', BAD_VS);
    const r = await runSailctl(['validate', '-f', p]);
    expect(r.exitCode).toBe(65);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      `${p}:9:5  VirtualService default/reviews  spec.http[0].route: route weights add up to 120, not 100`,
      `${p}:13:7  VirtualService default/reviews  spec.http[0].route[1].colour: unknown field "colour"`,
    ]);
    expect(r.stderr).toContain('✘ 1 resource of 1 invalid');
    expect(r.stderr).toContain('Error: 1 invalid resource');
  });

  it('uses -n for resources that do not set a namespace', async () => {
    const r = await runSailctl(['-n', 'books', 'validate', '-f', file('bad2.yaml', BAD_VS)]);
    expect(r.stdout).toContain('VirtualService books/reviews');
  });

  it('writes a JSON report with -o json', async () => {
    const r = await runSailctl(['validate', '-o', 'json', '-f', file('mixed.yaml', `${GATEWAY}---\n${BAD_VS}---\n${CONFIGMAP}`)]);
    expect(r.exitCode).toBe(65);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toEqual({ validated: 2, invalid: 1, skipped: 1, errors: 2, warnings: 0, inputProblems: 0 });
    expect(report.resources[1]).toMatchObject({ kind: 'VirtualService', name: 'reviews', valid: false, line: 12, col: 1 });
    expect(report.resources[1].issues[1]).toEqual({ path: 'spec.http[0].route[1].colour', message: 'unknown field "colour"', severity: 'error', line: 24, col: 7 });
  });

  it('writes YAML with -o yaml', async () => {
    const r = await runSailctl(['validate', '-o', 'yaml', '-f', file('ok2.yaml', GATEWAY)]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('validated: 1');
  });

  it('reads standard input, directories and repeated -f', async () => {
    const sub = join(dir, 'tree');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'a.yaml'), GATEWAY);
    writeFileSync(join(sub, 'b.yml'), GATEWAY.replace('name: web', 'name: web2'));
    const r = await runSailctl(['validate', '-f', sub, '-f', '-'], { stdin: GATEWAY.replace('name: web', 'name: web3') });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('validated 3 resources');
  });

  it('-x=false skips reference checks', async () => {
    const vs = BAD_VS.replace(/ {6}colour: red\n/, '').replace('weight: 60\n    - destination: {host: reviews, subset: v2}\n      weight: 60', 'weight: 40\n    - destination: {host: reviews, subset: v2}\n      weight: 60').replace('hosts: [reviews]', 'hosts: [reviews]\n  gateways: [a/b/c]');
    const p = file('ref.yaml', vs);
    expect((await runSailctl(['validate', '-f', p])).exitCode).toBe(65);
    expect((await runSailctl(['validate', '-x=false', '-f', p])).exitCode).toBe(0);
  });

  describe('bad input is reported, never crashes, and the rest is still validated', () => {
    it.each([
      ['malformed YAML', 'kind: [unclosed\n', /:1[23]:\d+ {2}error: /],
      ['a document that is not a mapping', '- a\n- b\n', /:12:1 {2}error: document 2 is not a mapping \(found a list\)/],
      ['a missing apiVersion and kind', 'metadata: {name: x}\n', /:12:1 {2}error: resource is missing apiVersion and kind/],
      ['a duplicate key', 'apiVersion: v1\nkind: ConfigMap\nkind: Secret\n', /:14:1 {2}error: duplicate key/],
      ['an alias bomb', `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`, /too many YAML alias expansions/],
    ])('%s', async (_name, text, expected) => {
      const p = file(`broken-${_name.replace(/\W/g, '')}.yaml`, `${GATEWAY}---\n${text}---\n${BAD_VS}`);
      const r = await runSailctl(['validate', '-f', p]);
      expect(r.exitCode).toBe(65);
      expect(r.stdout).toMatch(expected);
      expect(r.stdout).toContain('unknown field "colour"');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });

    it('a file that does not exist', async () => {
      const r = await runSailctl(['validate', '-f', join(dir, 'nope.yaml'), '-f', file('ok3.yaml', GATEWAY)]);
      expect(r.exitCode).toBe(65);
      expect(r.stdout).toContain('nope.yaml:1:1  error: no such file or directory');
      expect(r.stderr).toContain('1 input problem');
    });
  });

  it('exits 64 without -f or with an unknown -o', async () => {
    expect((await runSailctl(['validate'])).exitCode).toBe(64);
    const r = await runSailctl(['validate', '-o', 'xml', '-f', 'x']);
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toContain('unknown output format "xml"');
  });
});
