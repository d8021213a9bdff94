/**
 * The README's dev-cluster walkthrough, run line by line exactly as a person would type it: the fenced block
 * marked `sh walkthrough`. Each command's exit code must be the one its `# exit N` comment promises, so the
 * README cannot drift from what works. It runs on the loopback server and, when the real control-plane tier is
 * available, again with `npm run dev-cluster -- --real`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { realTier } from '../support/realcluster/tier.js';

const ROOT = process.cwd();
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

interface Line {
  text: string;
  argv: string[];
  exit?: number;
}

/** The walkthrough block's lines, with `# exit N` parsed and other comments removed. */
export function walkthroughLines(readme: string): Line[] {
  const block = /^```sh walkthrough\n([\s\S]*?)^```$/m.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no ```sh walkthrough block');
  return block
    .split('\n')
    .filter((l) => l.trim() && !l.trim().startsWith('#'))
    .map((text) => {
      const [command = '', comment = ''] = text.split(/\s+#\s+/, 2);
      const exit = /^exit (\d+)/.exec(comment)?.[1];
      return { text: text.trim(), argv: command.trim().split(/\s+/), ...(exit !== undefined ? { exit: Number(exit) } : {}) };
    });
}

function run(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const [cmd = '', ...args] = argv;
    const bin = cmd === 'node' ? process.execPath : cmd === 'kubectl' ? '/usr/bin/kubectl' : cmd;
    const child = spawn(bin, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

function startDevCluster(args: string[]): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(TSX, ['scripts/dev-cluster.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer): void => {
      output += d.toString();
      if (/^kubeconfig: /m.test(output)) resolve({ child, output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => reject(new Error(`dev-cluster exited with ${code} before it was ready:\n${output}`)));
  });
}

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function walk(extraDevClusterArgs: string[]): Promise<void> {
  const lines = walkthroughLines(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'sailctl-walkthrough-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  // The README writes its kubeconfig to /tmp/sail.kubeconfig; the test uses its own folder instead.
  const local = (s: string): string => s.replaceAll('/tmp/sail.kubeconfig', join(dir, 'sail.kubeconfig'));
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.KUBECONFIG;
  const results: string[] = [];
  for (const line of lines) {
    const argv = line.argv.map(local);
    if (argv[0] === 'npm' && argv[1] === 'run' && argv[2] === 'dev-cluster') {
      expect(argv.at(-1), `${line.text}: the dev-cluster line runs in the background`).toBe('&');
      const dev = await startDevCluster([...argv.slice(4, -1), ...extraDevClusterArgs]);
      cleanup.push(async () => {
        const exited = new Promise((r) => dev.child.once('exit', r));
        dev.child.kill('SIGINT');
        await exited;
      });
      continue;
    }
    if (argv[0] === 'export') {
      const [name = '', value = ''] = (argv[1] ?? '').split('=');
      env[name] = value;
      continue;
    }
    expect(line.exit, `README walkthrough line without an "# exit N" comment: ${line.text}`).toBeTypeOf('number');
    const r = await run(argv, env);
    results.push(`${line.text}\n  -> exit ${r.code}`);
    expect(r.code, `${line.text}\n${r.out}`).toBe(line.exit);
  }
  // Every line of the block was run: none was skipped or misread.
  expect(results).toHaveLength(lines.filter((l) => l.exit !== undefined).length);
  expect(results.length).toBeGreaterThanOrEqual(9);
}

describe('README walkthrough (npm run dev-cluster)', () => {
  it('parses the block: a background dev-cluster, an export, then commands with their exit codes', () => {
    const lines = walkthroughLines(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect(lines[0]?.argv.slice(0, 3)).toEqual(['npm', 'run', 'dev-cluster']);
    expect(lines.filter((l) => l.exit === 2).length).toBeGreaterThanOrEqual(1);
    expect(lines.filter((l) => l.exit === 80).length).toBeGreaterThanOrEqual(1);
    expect(lines.map((l) => l.argv[2]).filter(Boolean)).toEqual(expect.arrayContaining(['install', 'verify-install', 'proxy-status', 'proxy-config', 'plan', 'uninstall']));
  });

  it('works step by step on the loopback server with the Istio simulation', async () => {
    await walk([]);
  }, 120_000);

  const real = realTier('README walkthrough on the real control plane');
  real.it('works step by step on a real kube-apiserver (npm run dev-cluster -- --real)', async () => {
    await walk(['--real']);
  }, 600_000);
});
