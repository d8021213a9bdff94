/**
 * Inputs of kube-inject and x uninject: the workload text (-f FILE or stdin, UTF-8, at most 32 MiB) and the
 * InjectConfig from flags, files, or the cluster's ConfigMaps (--from-cluster).
 */
import type { CliContext } from '../context.js';
import { ClusterError, InputError, UsageError } from '../errors.js';
import { buildInjectConfig, ConfigSourceError, type ConfigSources, type TextSource } from '../inject/config.js';
import { defaultInjectInputs } from '../inject/defaults.js';
import type { InjectConfig } from '../inject/types.js';
import { MAX_DOCUMENT_BYTES, readSources } from '../resources/index.js';

export interface InjectConfigOptions {
  meshConfigFile?: string;
  injectConfigFile?: string;
  valuesFile?: string;
  operatorFileName?: string;
  revision?: string;
  fromCluster?: boolean;
  meshConfigMapName?: string;
  injectConfigMapName?: string;
}

/** Reads one file (or `-`) as text; any problem is exit 65 naming the file. */
export async function readText(ctx: CliContext, path: string): Promise<TextSource> {
  const { sources, problems } = await readSources([path], { cwd: ctx.cwd, readStdin: () => ctx.io.readStdin(), maxFileBytes: MAX_DOCUMENT_BYTES });
  const p = problems[0];
  if (p) throw new InputError(`${p.file}:${p.line}:${p.col}: ${p.message}`);
  const s = sources[0];
  if (!s) throw new InputError(`${path}: nothing to read`);
  return { source: s.name, text: s.text };
}

async function fromCluster(ctx: CliContext, opts: InjectConfigOptions): Promise<ConfigSources & { revision: string }> {
  const kube = await ctx.kube();
  const ns = ctx.flags.istioNamespace;
  const suffix = opts.revision && opts.revision !== 'default' ? `-${opts.revision}` : '';
  const injectorName = `${opts.injectConfigMapName ?? 'istio-sidecar-injector'}${suffix}`;
  const meshName = `${opts.meshConfigMapName ?? 'istio'}${suffix}`;
  const [injector, mesh] = await Promise.all([
    kube.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: injectorName }),
    kube.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: meshName }),
  ]);
  const data = (o: unknown, key: string, name: string): string => {
    const v = ((o as { data?: Record<string, unknown> } | undefined)?.data ?? {})[key];
    if (typeof v !== 'string') throw new ClusterError(`ConfigMap ${ns}/${name} has no data.${key}; is Istio installed${suffix ? ` with revision ${opts.revision}` : ''}?`);
    return v;
  };
  if (!injector) throw new ClusterError(`ConfigMap ${ns}/${injectorName} not found; is Istio installed${suffix ? ` with revision ${opts.revision}` : ''}?`);
  if (!mesh) throw new ClusterError(`ConfigMap ${ns}/${meshName} not found`);
  return {
    injectConfig: { source: `ConfigMap ${ns}/${injectorName}`, text: data(injector, 'config', injectorName) },
    values: { source: `ConfigMap ${ns}/${injectorName}`, text: data(injector, 'values', injectorName) },
    meshConfig: { source: `ConfigMap ${ns}/${meshName}`, text: data(mesh, 'mesh', meshName) },
    revision: opts.revision ?? '',
  };
}

export async function loadInjectConfig(ctx: CliContext, opts: InjectConfigOptions): Promise<InjectConfig> {
  const revision = opts.revision === 'default' ? '' : (opts.revision ?? '');
  const local = [opts.meshConfigFile, opts.injectConfigFile, opts.valuesFile, opts.operatorFileName].some(Boolean);
  if (opts.fromCluster && local) throw new UsageError('--from-cluster cannot be combined with --meshConfigFile, --injectConfigFile, --valuesFile or --operatorFileName');
  try {
    if (opts.fromCluster) {
      const sources = await fromCluster(ctx, opts);
      return buildInjectConfig(defaultInjectInputs(revision), sources);
    }
    const overlays = opts.operatorFileName ? [await readText(ctx, opts.operatorFileName)] : [];
    const sources: ConfigSources = {};
    if (opts.injectConfigFile) sources.injectConfig = await readText(ctx, opts.injectConfigFile);
    if (opts.valuesFile) sources.values = await readText(ctx, opts.valuesFile);
    if (opts.meshConfigFile) sources.meshConfig = await readText(ctx, opts.meshConfigFile);
    return buildInjectConfig(defaultInjectInputs(revision, overlays), sources);
  } catch (err) {
    if (err instanceof ConfigSourceError) throw new InputError(err.message, { cause: err });
    throw err;
  }
}
