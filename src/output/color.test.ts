/**
 * Colour through whole commands: decided per stream (stdout and stderr apart) from the TTY, NO_COLOR and
 * FORCE_COLOR; and no raw ANSI escapes anywhere outside src/output/ (scripts and benchmarks included).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSailctl } from '../../test/support/cli.js';

const ESC = '\u001b[';

describe('colour per stream', () => {
  // analyze writes coloured findings on stdout and a red "Error:" line on stderr (exit 79).
  const dir = mkdtempSync(join(tmpdir(), 'sailctl-colour-'));
  writeFileSync(
    join(dir, 'vs.yaml'),
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: web, namespace: shop}\nspec:\n  hosts: [web]\n  gateways: [missing]\n  http:\n  - route: [{destination: {host: web}}]\n',
  );
  const analyze = (tty: { stdout: boolean; stderr: boolean }, env: Record<string, string> = {}) =>
    runSailctl(['analyze', '--use-kube=false', 'vs.yaml'], { cwd: dir, tty, env });
  const coloured = (r: { stdout: string; stderr: string }) => [r.stdout.includes(ESC), r.stderr.includes(ESC)];

  it.each([
    [{ stdout: true, stderr: true }, {}, [true, true]],
    [{ stdout: true, stderr: false }, {}, [true, false]],
    [{ stdout: false, stderr: true }, {}, [false, true]],
    [{ stdout: false, stderr: false }, {}, [false, false]],
    [{ stdout: true, stderr: true }, { NO_COLOR: '1' }, [false, false]],
    [{ stdout: true, stderr: true }, { NO_COLOR: '' }, [true, true]],
    [{ stdout: false, stderr: false }, { FORCE_COLOR: '1' }, [true, true]],
    [{ stdout: true, stderr: true }, { FORCE_COLOR: '0' }, [false, false]],
    [{ stdout: true, stderr: true }, { FORCE_COLOR: 'false' }, [false, false]],
  ])('tty %j, env %j -> escapes on [stdout, stderr] %j', async (tty, env, expected) => {
    const r = await analyze(tty, env);
    expect(r.exitCode).toBe(79);
    expect(r.stdout).toContain('IST0101');
    expect(coloured(r)).toEqual(expected);
  });
});

describe('no raw ANSI escapes outside src/output/', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return e.name === 'generated' || e.name === 'node_modules' ? [] : files(path);
      return /\.(ts|mts|js|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
    });
  const raw = /\\x1b\[|\\u001b\[|\\u\{1b\}\[|\\033\[|\\e\[|\x1b\[/i;

  it('src/, scripts/ and bench/ style through src/output/ only', () => {
    const offenders = ['src', 'scripts', 'bench']
      .flatMap(files)
      .filter((f) => !f.startsWith(join('src', 'output')))
      .filter((f) => raw.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
