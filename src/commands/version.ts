/** `sailctl version`: client version; with --remote (default) also control-plane and data-plane versions. */
import type { CliContext } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { formatJson } from '../output/json.js';
import { formatYaml } from '../output/yaml.js';
import { CLIENT_VERSION, DEFAULT_TAG, ISTIO_API_VERSION } from '../release.js';
import { controlPlaneVersions, dataPlaneVersions, type ComponentVersion, type DataPlaneVersion } from '../versioninfo/collect.js';
import { syncedDataPlane } from './istiod-sync.js';

export interface VersionOptions {
  remote: boolean;
  output: string;
  revision?: string;
}

const FORMATS = ['text', 'short', 'json', 'yaml'];

export async function versionCommand(ctx: CliContext, options: Record<string, unknown>): Promise<void> {
  const opts = options as unknown as VersionOptions;
  if (!FORMATS.includes(opts.output)) throw new UsageError(`unknown output format "${opts.output}": use ${FORMATS.join(', ')}`);
  const client = { version: CLIENT_VERSION, istioApi: ISTIO_API_VERSION, defaultIstioTag: DEFAULT_TAG };
  let controlPlane: ComponentVersion[] | undefined;
  let dataPlane: DataPlaneVersion[] | undefined;
  let failure: unknown;
  if (opts.remote) {
    try {
      const kube = await ctx.kube();
      const done = ctx.working('reading control-plane and data-plane versions');
      const selector = opts.revision ? `app=istiod,istio.io/rev=${opts.revision}` : 'app=istiod';
      const [deployments, pods] = await Promise.all([
        kube.list('apps/v1', 'Deployment', { labelSelector: selector }),
        kube.list('v1', 'Pod', { labelSelector: 'security.istio.io/tlsMode' }),
      ]);
      controlPlane = controlPlaneVersions(deployments.items);
      // The data plane as istiod sees it (connected proxies) when istiod answers; else the sidecar images.
      const synced = controlPlane.length > 0 ? await syncedDataPlane(kube, { istioNamespace: ctx.flags.istioNamespace, revision: opts.revision }) : undefined;
      done();
      dataPlane = (synced ?? dataPlaneVersions(pods.items)).filter((d) => !opts.revision || d.revision === opts.revision);
    } catch (err) {
      failure = err;
    }
  }

  const out = ctx.io.stdout;
  if (opts.output === 'json' || opts.output === 'yaml') {
    const doc = {
      clientVersion: client,
      ...(controlPlane ? { meshVersion: controlPlane } : {}),
      ...(dataPlane ? { dataPlaneVersion: dataPlane } : {}),
    };
    out.write(opts.output === 'json' ? formatJson(doc) : formatYaml(doc));
  } else if (opts.output === 'short') {
    out.write(`${CLIENT_VERSION}\n`);
    if (controlPlane) for (const c of controlPlane) out.write(`${c.version}\n`);
  } else {
    out.write(`client version: ${CLIENT_VERSION} (Istio API ${ISTIO_API_VERSION}, installs Istio ${DEFAULT_TAG})\n`);
    if (controlPlane) {
      if (controlPlane.length === 0) out.write('control plane version: none found (no istiod Deployment)\n');
      for (const c of controlPlane) {
        out.write(`control plane version: ${c.version} (revision ${c.revision}, namespace ${c.namespace})\n`);
      }
    }
    if (dataPlane) {
      if (dataPlane.length === 0) out.write('data plane version: none (no injected pods)\n');
      for (const d of dataPlane) {
        out.write(`data plane version: ${d.version} (${d.proxies} ${d.proxies === 1 ? 'proxy' : 'proxies'}, revision ${d.revision})\n`);
      }
    }
  }
  if (failure instanceof CliError && !ctx.signal.aborted) {
    // Say what was done before the cluster failed us: the client part is on stdout, the rest is missing.
    throw new CliError(failure.message, failure.exitCode, {
      cause: failure,
      details: [...failure.details, 'Printed the client version only: the control-plane and data-plane versions could not be read.'],
    });
  }
  if (failure !== undefined) throw failure;
}
