/**
 * `sailctl proxy-config TYPE POD` (alias `pc`): a proxy's Envoy configuration from its admin API (port 15000)
 * through the API server — `/config_dump` for clusters, listeners, routes, secrets and bootstrap,
 * `/clusters?format=json` for endpoints, `/logging` for log levels.
 */
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import type { KubeClient } from '../kube/types.js';
import { formatDocument, formatLoggers, formatSections, type ConfigFormat, type ConfigSections } from '../output/proxy-config.js';
import { clusterRows } from '../proxyconfig/clusters.js';
import { parseConfigDump, type ConfigDump } from '../proxyconfig/dump.js';
import { filterEndpoints, parseClusterStatuses } from '../proxyconfig/endpoints.js';
import { levelQuery, parseLoggers } from '../proxyconfig/log-levels.js';
import { listenerRows } from '../proxyconfig/listeners.js';
import { routeRows } from '../proxyconfig/routes.js';
import { secretRows } from '../proxyconfig/secrets.js';
import { parseFromPod, readFromPod, type PodDebugRequest } from './pod-debug.js';
import { hasSidecar, resolvePod, type PodTarget } from './pod-target.js';

const ENVOY_ADMIN_PORT = 15000;
const FORMATS: readonly ConfigFormat[] = ['short', 'json', 'yaml'];

type Raw = Record<string, unknown>;
type Handler = (ctx: CliContext, options: Raw, args: string[]) => Promise<void>;

function port(raw: Raw): number | undefined {
  if (raw.port === undefined) return undefined;
  const n = Number(raw.port);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`invalid --port "${String(raw.port)}": expected a number from 1 to 65535`);
  return n;
}

function envoy(target: PodTarget, path: string, what: string): PodDebugRequest {
  return { namespace: target.namespace, pod: target.pod, port: ENVOY_ADMIN_PORT, path, what };
}

async function dump(kube: KubeClient, target: PodTarget, includeEds = false): Promise<ConfigDump> {
  const req = envoy(target, includeEds ? '/config_dump?include_eds' : '/config_dump', "Envoy's config dump");
  return parseFromPod(req, await readFromPod(kube, req), parseConfigDump);
}

async function endpoints(kube: KubeClient, target: PodTarget) {
  const req = envoy(target, '/clusters?format=json', "Envoy's cluster status");
  return parseFromPod(req, await readFromPod(kube, req), parseClusterStatuses);
}

async function sections(type: string, kube: KubeClient, target: PodTarget, raw: Raw, now: number): Promise<ConfigSections> {
  const p = port(raw);
  const s = (k: string) => (raw[k] === undefined ? undefined : String(raw[k]));
  if (raw.direction !== undefined && !['inbound', 'outbound'].includes(String(raw.direction))) {
    throw new UsageError(`invalid --direction "${String(raw.direction)}": use inbound or outbound`);
  }
  if (raw.type !== undefined && !['HTTP', 'TCP'].includes(String(raw.type).toUpperCase())) throw new UsageError(`invalid --type "${String(raw.type)}": use HTTP or TCP`);
  switch (type) {
    case 'cluster':
      return { clusters: clusterRows(await dump(kube, target), { fqdn: s('fqdn'), port: p, direction: s('direction'), subset: s('subset') }) };
    case 'listener':
      return { listeners: listenerRows(await dump(kube, target), { address: s('address'), port: p, type: s('type') }) };
    case 'route':
      return { routes: routeRows(await dump(kube, target), { name: s('name') }) };
    case 'endpoint':
      return { endpoints: filterEndpoints(await endpoints(kube, target), { address: s('address'), port: p, cluster: s('cluster'), status: s('status') }) };
    case 'secret':
      return { secrets: secretRows(await dump(kube, target), { now, name: s('name') }) };
    default: {
      const [d, eps] = await Promise.all([dump(kube, target), endpoints(kube, target)]);
      return { clusters: clusterRows(d), listeners: listenerRows(d), routes: routeRows(d), endpoints: filterEndpoints(eps), secrets: secretRows(d, { now }) };
    }
  }
}

async function logLevels(ctx: CliContext, kube: KubeClient, target: PodTarget, raw: Raw, format: ConfigFormat): Promise<void> {
  let path = '/logging';
  if (raw.reset === true && raw.level !== undefined) throw new UsageError('use either --level or --reset, not both');
  if (raw.reset === true) path = '/logging?level=warning';
  else if (raw.level !== undefined) {
    const q = levelQuery(String(raw.level));
    if ('error' in q) throw new UsageError(`invalid --level: ${q.error}`);
    path = `/logging?${q.query}`;
  }
  const req = envoy(target, path, "Envoy's log levels");
  const text = await readFromPod(kube, req, path !== '/logging');
  ctx.io.stdout.write(formatLoggers(parseFromPod(req, text, parseLoggers), format));
}

/** The handler of one `proxy-config` sub-command. */
export function proxyConfigHandler(type: string): Handler {
  return async (ctx, raw, args) => {
    const format = String(raw.output ?? 'short') as ConfigFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`unknown output format "${format}": use ${FORMATS.join(', ')}`);
    const ref = args[0];
    if (!ref) throw new UsageError('missing POD: proxy-config TYPE POD');
    const kube = await ctx.kube();
    const done = ctx.working(`reading the Envoy configuration of ${ref}`);
    const target = await resolvePod(kube, ref, ctx.flags.namespace ?? kube.namespace);
    if (!hasSidecar(target.object)) {
      throw new UsageError(`pod ${target.namespace}/${target.pod} has no istio-proxy sidecar, so there is no Envoy to ask`, {
        details: ['`sailctl proxy-status` lists the pods that have one.'],
      });
    }
    if (type === 'log') await logLevels(ctx, kube, target, raw, format);
    else if (type === 'bootstrap') ctx.io.stdout.write(formatDocument({ bootstrap: (await dump(kube, target)).bootstrap ?? {} }, format === 'short' ? 'json' : format));
    else ctx.io.stdout.write(formatSections(await sections(type, kube, target, raw, Date.now()), format));
    done();
  };
}
