/**
 * `sailctl proxy-status [POD|TYPE/NAME[.NS]]` (alias `ps`): every proxy's xDS sync state as the istiod
 * replicas report it; with one proxy, istiod's view of its config against Envoy's, per type.
 */
import type { CliContext } from '../context.js';
import { ClusterError, UsageError } from '../errors.js';
import { formatJson } from '../output/json.js';
import { formatConfigDiff, formatStatusDocument, formatStatusTable } from '../output/proxy-status.js';
import { formatYaml } from '../output/yaml.js';
import { parseConfigDump } from '../proxyconfig/dump.js';
import { diffConfigs } from '../proxystatus/diff.js';
import { toRows } from '../proxystatus/rows.js';
import { ISTIOD_DEBUG_PORT, readSyncState } from './istiod-sync.js';
import { parseFromPod, readFromPod } from './pod-debug.js';
import { resolvePod } from './pod-target.js';

export interface ProxyStatusOptions {
  revision?: string;
  xdsLabel?: string;
  output: string;
}

const FORMATS = ['table', 'json', 'yaml'];
export const ENVOY_ADMIN_PORT = 15000;

export async function proxyStatusCommand(ctx: CliContext, options: Record<string, unknown>, args: string[]): Promise<void> {
  const opts = options as unknown as ProxyStatusOptions;
  if (!FORMATS.includes(opts.output)) throw new UsageError(`unknown output format "${opts.output}": use ${FORMATS.join(', ')}`);
  const kube = await ctx.kube();
  const sel = { istioNamespace: ctx.flags.istioNamespace, revision: opts.revision, xdsLabel: opts.xdsLabel };
  const done = ctx.working('reading proxy sync state from istiod');
  const target = args[0] ? await resolvePod(kube, args[0], ctx.flags.namespace ?? kube.namespace) : undefined;
  const state = await readSyncState(kube, sel);
  done();
  if (!target) {
    const rows = toRows(state.proxies, { now: Date.now(), namespace: ctx.flags.namespace });
    if (opts.output === 'table') ctx.io.stdout.write(formatStatusTable(rows, ctx.flags.verbose >= 1));
    else ctx.io.stdout.write(formatStatusDocument(rows, opts.output as 'json' | 'yaml'));
    if (rows.length === 0 && opts.output === 'table') {
      ctx.io.stderr.write(`No proxies are connected to istiod${ctx.flags.namespace ? ` in namespace ${ctx.flags.namespace}` : ''}.\n`);
    }
    return;
  }

  const id = `${target.pod}.${target.namespace}`;
  const proxy = state.proxies.find((p) => p.id === id);
  if (!proxy) {
    throw new ClusterError(`proxy ${id} is not connected to any istiod (${state.istiods.map((p) => p.metadata.name).join(', ')})`, {
      details: ['Is the pod injected with a sidecar and running? `sailctl proxy-status` lists the connected proxies.'],
    });
  }
  const istiod = state.istiods.find((p) => p.metadata.name === proxy.istiod) ?? (state.istiods[0] as (typeof state.istiods)[number]);
  const istiodReq = {
    namespace: istiod.metadata.namespace ?? '',
    pod: istiod.metadata.name ?? '',
    port: ISTIOD_DEBUG_PORT,
    path: `/debug/config_dump?proxyID=${encodeURIComponent(id)}`,
    what: `istiod's config for ${id}`,
  };
  const envoyReq = { namespace: target.namespace, pod: target.pod, port: ENVOY_ADMIN_PORT, path: '/config_dump', what: "Envoy's config dump" };
  const [istiodText, envoyText] = await Promise.all([readFromPod(kube, istiodReq), readFromPod(kube, envoyReq)]);
  const diffs = diffConfigs(parseFromPod(istiodReq, istiodText, parseConfigDump), parseFromPod(envoyReq, envoyText, parseConfigDump));
  if (opts.output === 'table') ctx.io.stdout.write(formatConfigDiff(id, diffs));
  else {
    const doc = { proxy: id, istiod: istiodReq.pod, types: diffs };
    ctx.io.stdout.write(opts.output === 'json' ? formatJson(doc) : formatYaml(doc));
  }
}
