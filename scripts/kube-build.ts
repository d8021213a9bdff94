/**
 * Builds the real Kubernetes control plane (kube-apiserver, kube-controller-manager, etcd) from Go modules
 * pinned in tools/kube/, into a cache outside the work tree:
 *
 *   ${SAILCTL_KUBE_CACHE:-${XDG_CACHE_HOME:-~/.cache}/sailctl/kube}/<kubernetes version>-<pin hash>/
 *
 * The pin hash covers the go.mod/go.sum files and the Go version, so a cached build is reused exactly while
 * the pins are unchanged. The build goes to a temporary folder that is renamed into place when it is
 * complete: an interrupted build leaves nothing that looks finished.
 *
 *   npm run kube-build                     build if missing, print the folder
 *   npm run kube-build -- --check          exit 0 if built, 3 if not built (nothing is built)
 *   npm run kube-build -- --print          print the folder the binaries would be in, and exit
 *
 * Progress goes to stderr (one line per finished package group); the folder is the only line on stdout.
 * Exit 0 on success, 69 when Go is missing or a download fails, 70 when the compiler fails.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, 'tools', 'kube');

/** What to build: the Go module folder and the binaries (main packages) it builds. */
export type KubeBinary = 'kube-apiserver' | 'kube-controller-manager' | 'etcd';

export interface KubeBuildInfo {
  dir: string;
  kubernetes: string;
  etcd: string;
  binaries: Record<KubeBinary, string>;
}

export type BuildResult = { ok: true; dir: string; cached: boolean } | { ok: false; code: number; message: string };

const TARGETS: Array<{ module: string; binaries: Partial<Record<KubeBinary, string>> }> = [
  { module: 'kubernetes', binaries: { 'kube-apiserver': 'k8s.io/kubernetes/cmd/kube-apiserver', 'kube-controller-manager': 'k8s.io/kubernetes/cmd/kube-controller-manager' } },
  { module: 'etcd', binaries: { etcd: 'go.etcd.io/etcd/server/v3' } },
];

function goVersion(): string | undefined {
  const r = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The pinned version of a module, read from a go.mod. */
function pinned(goMod: string, modulePath: string): string | undefined {
  const m = new RegExp(`^\\s*${modulePath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} (v\\S+)`, 'm').exec(goMod);
  return m?.[1];
}

export function kubeCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SAILCTL_KUBE_CACHE) return env.SAILCTL_KUBE_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'sailctl', 'kube');
}

/** The folder for the current pins, and the versions pinned. Needs no Go toolchain. */
export function kubeBuildInfo(env: NodeJS.ProcessEnv = process.env): KubeBuildInfo {
  const hash = createHash('sha256').update(`${RECIPE}\n`);
  for (const t of TARGETS) {
    for (const f of ['go.mod', 'go.sum']) hash.update(`${t.module}/${f}\n`).update(readFileSync(join(toolsDir, t.module, f)));
  }
  const kubeMod = readFileSync(join(toolsDir, 'kubernetes', 'go.mod'), 'utf8');
  const etcdMod = readFileSync(join(toolsDir, 'etcd', 'go.mod'), 'utf8');
  const kubernetes = pinned(kubeMod, 'k8s.io/kubernetes') ?? 'unknown';
  const etcd = pinned(etcdMod, 'go.etcd.io/etcd/server/v3') ?? 'unknown';
  const dir = join(kubeCacheRoot(env), `${kubernetes}-${hash.digest('hex').slice(0, 12)}`);
  return { dir, kubernetes, etcd, binaries: Object.fromEntries(TARGETS.flatMap((t) => Object.keys(t.binaries).map((b) => [b, join(dir, 'bin', b)]))) as Record<KubeBinary, string> };
}

export function isBuilt(info: KubeBuildInfo = kubeBuildInfo()): boolean {
  return existsSync(join(info.dir, 'build.json')) && Object.values(info.binaries).every((b) => existsSync(b));
}

function say(line: string): void {
  process.stderr.write(`[kube-build] ${line}\n`);
}

/** Changes whenever the way the binaries are built changes (flags, stamping): part of the cache key. */
const RECIPE = 'recipe 2: -trimpath, stripped, version stamped';

/**
 * The linker flags that stamp the version into Kubernetes binaries, as the Kubernetes release build does
 * (hack/lib/version.sh): without them /version reports v0.0.0-master.
 */
function versionLdflags(version: string): string {
  const [major = '', minor = ''] = version.replace(/^v/, '').split('.');
  const vars = { gitVersion: version, gitMajor: major, gitMinor: minor, gitCommit: 'module-build', gitTreeState: 'clean', buildDate: '1970-01-01T00:00:00Z' };
  return ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version'].flatMap((pkg) => Object.entries(vars).map(([k, v]) => `-X ${pkg}.${k}=${v}`)).join(' ');
}

/** Runs `go build -v`, reporting progress from the package names it prints. */
function goBuild(cwd: string, out: string, pkg: string, label: string, ldflags = ''): Promise<BuildResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('go', ['build', '-v', '-trimpath', `-ldflags=-s -w ${ldflags}`.trim(), '-o', out, pkg], {
      cwd,
      env: { ...process.env, GOFLAGS: '-mod=readonly' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let packages = 0;
    let lastReport = 0;
    let tail = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-8000);
      packages += chunk.split('\n').filter((l) => l && !l.startsWith('#') && !l.includes(' ')).length;
      const now = Date.now();
      if (now - lastReport > 5000) {
        lastReport = now;
        say(`${label}: ${packages} packages compiled, ${Math.round((now - started) / 1000)} s`);
      }
    });
    child.on('error', (err) => resolve({ ok: false, code: 69, message: `cannot run go: ${err.message}` }));
    child.on('close', (code) => {
      if (code === 0) {
        say(`${label}: done in ${Math.round((Date.now() - started) / 1000)} s (${packages} packages compiled)`);
        resolve({ ok: true, dir: cwd, cached: false });
      } else {
        const download = /dial tcp|no such host|proxy\.golang|reading .*: 4\d\d|TLS handshake/.test(tail);
        resolve({ ok: false, code: download ? 69 : 70, message: `go build ${pkg} failed (exit ${code}):\n${tail.trim().split('\n').slice(-15).join('\n')}` });
      }
    });
  });
}

export async function buildKube(info: KubeBuildInfo = kubeBuildInfo()): Promise<BuildResult> {
  if (isBuilt(info)) return { ok: true, dir: info.dir, cached: true };
  const go = goVersion();
  if (!go) return { ok: false, code: 69, message: 'Go is not installed (no `go` on PATH): the real control plane cannot be built' };
  const tmp = `${info.dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'bin'), { recursive: true });
  const started = Date.now();
  say(`building Kubernetes ${info.kubernetes} and etcd ${info.etcd} with ${go} into ${info.dir}`);
  say('a cold build downloads the modules and compiles for several minutes on two cores; later runs reuse it');
  for (const t of TARGETS) {
    for (const [bin, pkg] of Object.entries(t.binaries)) {
      const ldflags = t.module === 'kubernetes' ? versionLdflags(info.kubernetes) : '';
      const r = await goBuild(join(toolsDir, t.module), join(tmp, 'bin', bin), pkg as string, bin, ldflags);
      if (!r.ok) {
        rmSync(tmp, { recursive: true, force: true });
        return r;
      }
    }
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const size = Object.keys(info.binaries).reduce((n, b) => n + statSync(join(tmp, 'bin', b)).size, 0);
  writeFileSync(join(tmp, 'build.json'), `${JSON.stringify({ kubernetes: info.kubernetes, etcd: info.etcd, go, seconds, bytes: size, builtAt: new Date().toISOString() }, null, 2)}\n`);
  rmSync(info.dir, { recursive: true, force: true });
  mkdirSync(dirname(info.dir), { recursive: true });
  renameSync(tmp, info.dir);
  say(`built in ${seconds} s; binaries ${(size / 1048576).toFixed(0)} MiB in ${join(info.dir, 'bin')}`);
  return { ok: true, dir: info.dir, cached: false };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const info = kubeBuildInfo();
  if (process.argv.includes('--print')) {
    process.stdout.write(`${info.dir}\n`);
  } else if (process.argv.includes('--check')) {
    process.exitCode = isBuilt(info) ? 0 : 3;
  } else {
    const r = await buildKube(info);
    if (r.ok) process.stdout.write(`${r.dir}\n`);
    else {
      process.stderr.write(`[kube-build] ${r.message}\n`);
      process.exitCode = r.code;
    }
  }
}
