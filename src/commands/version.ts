/**
 * `sailctl version`: client version; with --remote (default) also control-plane and data-plane versions. As
 * istioctl, a cluster that cannot be read is not a failure: the client version is printed, stderr says why the
 * rest is missing, exit 0.
 */
import type { CliContext } from '../context.js';
import { ExitCode, isCliError, UsageError, type CliError } from '../errors.js';
import { redactSecrets } from '../output/redact.js';
import { formatVersions, type VersionFormat, type Versions } from '../output/version.js';
import { CLIENT_VERSION, DEFAULT_TAG, ISTIO_API_VERSION } from '../release.js';
import { controlPlaneVersions, dataPlaneVersions } from '../versioninfo/collect.js';
import { syncedDataPlane } from './istiod-sync.js';

export interface VersionOptions {
  remote: boolean;
  output: string;
  /** `-s/--short`, as istioctl (`-o short` is the same). */
  short?: boolean;
  revision?: string;
}

const FORMATS = ['text', 'short', 'json', 'yaml'];

async function remoteVersions(ctx: CliContext, revision: string | undefined): Promise<Pick<Versions, 'controlPlane' | 'dataPlane'>> {
  const kube = await ctx.kube();
  const done = ctx.working('reading control-plane and data-plane versions');
  const selector = revision ? `app=istiod,istio.io/rev=${revision}` : 'app=istiod';
  const [deployments, pods] = await Promise.all([
    kube.list('apps/v1', 'Deployment', { labelSelector: selector }),
    kube.list('v1', 'Pod', { labelSelector: 'security.istio.io/tlsMode' }),
  ]);
  const controlPlane = controlPlaneVersions(deployments.items);
  // The data plane as istiod sees it (connected proxies) when istiod answers; else the sidecar images.
  const synced = controlPlane.length > 0 ? await syncedDataPlane(kube, { istioNamespace: ctx.flags.istioNamespace, revision }) : undefined;
  done();
  const dataPlane = (synced ?? dataPlaneVersions(pods.items)).filter((d) => !revision || d.revision === revision);
  return { controlPlane, dataPlane };
}

export async function versionCommand(ctx: CliContext, options: Record<string, unknown>): Promise<void> {
  const opts = options as unknown as VersionOptions;
  if (!FORMATS.includes(opts.output)) throw new UsageError(`unknown output format "${opts.output}": use ${FORMATS.join(', ')}`);
  const format = (opts.short && opts.output === 'text' ? 'short' : opts.output) as VersionFormat;
  let versions: Versions = { client: { version: CLIENT_VERSION, istioApi: ISTIO_API_VERSION, defaultIstioTag: DEFAULT_TAG } };
  let missing: string | undefined;
  let broken: CliError | undefined;
  if (opts.remote) {
    try {
      versions = { ...versions, ...(await remoteVersions(ctx, opts.revision)) };
    } catch (err) {
      // Ctrl-C and bugs stay what they are; a cluster we cannot read only leaves the remote versions out.
      if (ctx.signal.aborted || !isCliError(err)) throw err;
      // A malformed kubeconfig is the user's to fix, not an absent cluster: the client version, then exit 78.
      if (err.exitCode === ExitCode.Config) broken = err;
      else missing = `Control plane version unavailable: ${redactSecrets(err.message).split('\n')[0]}`;
    }
  }
  if (format === 'short' && versions.controlPlane?.length === 0) {
    missing = `Istio is not present in the cluster: no istiod Deployment${opts.revision ? ` of revision ${opts.revision}` : ''} found`;
  }
  ctx.io.stdout.write(formatVersions(versions, format));
  if (missing) ctx.io.stderr.write(`${missing}\n`);
  if (broken) throw broken;
}
