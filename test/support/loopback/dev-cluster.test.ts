import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from './test-client.js';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

describe('npm run dev-cluster (scripts/dev-cluster.ts)', () => {
  it('prints the URL and kubeconfig, serves, writes --kubeconfig-out, exits 0 on SIGTERM', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sailctl-dev-cluster-')), 'kc.yaml');
    const child = spawn(TSX, ['scripts/dev-cluster.ts', '--kubeconfig-out', out, '--ready-delay', '10'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes('kubeconfig: ')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    await ready;
    const [first, second] = stdout.trim().split('\n');
    const url = /^Loopback Kubernetes API server \(a local stand-in for a cluster\) at (https:\/\/127\.0\.0\.1:\d+)$/.exec(first ?? '')?.[1];
    expect(url).toBeDefined();
    expect(second).toBe(`kubeconfig: ${out}`);
    expect(existsSync(out)).toBe(true);
    const kc = readFileSync(out, 'utf8');
    const token = /token: (\S+)/.exec(kc)?.[1] as string;
    const caPem = Buffer.from(/certificate-authority-data: (\S+)/.exec(kc)?.[1] as string, 'base64').toString();
    expect((await call({ url: url as string, token, caPem }, 'GET', '/version')).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 20_000);
});
