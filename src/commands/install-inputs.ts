/**
 * What install, plan, uninstall and verify-install share: the install flags -> a rendered ManifestSet, and a
 * cluster client that keeps working after Ctrl-C, so an interrupted install can still roll back.
 */
import { setMaxListeners } from 'node:events';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { durationFlag as parseDurationFlag } from '../durations.js';
import type { KubeClient } from '../kube/types.js';
import { readInstallInput, type InstallFlags } from '../manifest/inputs.js';
import { render, type ManifestSet } from '../manifest/render.js';
import { resolveInstall } from '../manifest/values.js';

export async function renderInstall(ctx: CliContext, flags: InstallFlags): Promise<ManifestSet> {
  const input = await readInstallInput(flags, { cwd: ctx.cwd, readStdin: () => ctx.io.readStdin() });
  const set = render(resolveInstall(input));
  for (const w of set.warnings) ctx.io.stderr.write(`${ctx.io.stderr.style.yellow('Warning:')} ${w}\n`);
  return set;
}

export function durationFlag(name: string, value: string): number {
  return parseDurationFlag(name, value, 'such as 300s, 5m or 90');
}

/** ctx.kube() for commands that keep many requests in flight (each listens for Ctrl-C on ctx.signal). */
export async function kubeFor(ctx: CliContext): Promise<KubeClient> {
  setMaxListeners(64, ctx.signal);
  return ctx.kube();
}

/**
 * The cluster port for commands that must finish cleanly after Ctrl-C (roll back, report): the same settings
 * as ctx.kube(), but not bound to ctx.signal. Commands still stop on ctx.signal between requests.
 */
export async function kubeOutlivingInterrupt(ctx: CliContext): Promise<KubeClient> {
  const { createKubeClient } = await import('../kube/client.js');
  return createKubeClient({
    kubeconfig: ctx.flags.kubeconfig,
    context: ctx.flags.context,
    timeoutMs: ctx.flags.kubeclientTimeoutMs,
    env: ctx.env,
    verbose: ctx.flags.verbose,
    log: (line: string) => ctx.io.stderr.write(`${line}\n`),
  });
}

/** Flags that describe an install's content (a revision alone only picks which install). */
export function installFlagsGiven(opts: InstallFlags): boolean {
  return (opts.filename?.length ?? 0) > 0 || (opts.set?.length ?? 0) > 0 || opts.profile !== undefined;
}
