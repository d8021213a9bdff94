/**
 * Inputs of kube-inject and x uninject: the workload text (-f FILE or stdin, UTF-8, at most 32 MiB) and the
 * InjectConfig from flags, files, or the cluster's ConfigMaps (--from-cluster). The config-file reader and
 * the Kubernetes client are loaded only when those are asked for, so the offline default starts fast.
 */
import type { CliContext } from '../context.js';
import { ClusterError, InputError, UsageError } from '../errors.js';
import type { ConfigSources, TextSource } from '../inject/config.js';
import { configFromInputs, defaultInjectInputs } from '../inject/defaults.js';
import type { InjectConfig } from '../inject/types.js';
import { readSources, type SourceText } from '../resources/index.js';
import { DEFAULT_MAX_INPUT_BYTES, MAX_DOCUMENT_BYTES } from '../resources/limits.js';
import { readOptions } from './read-options.js';

/** Largest string Node can hold (about 512 MiB): the ceiling of --max-input-size. */
const MAX_STRING_BYTES = 0x1fffffe8;
const SIZE_UNITS: Record<string, number> = { '': 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, K: 1000, M: 1000 ** 2, G: 1000 ** 3 };

export interface InjectConfigOptions {
  meshConfigFile?: string;
  injectConfigFile?: string;
  valuesFile?: string;
  operatorFileName?: string;
  revision?: string;
  fromCluster?: boolean;
  /** `--max-input-size`: the largest -f stream (each document stays limited to 32 MiB). */
  maxInputSize?: string;
  meshConfigMapName?: string;
  injectConfigMapName?: string;
}

/** `--max-input-size 512Mi` (bytes, or Ki/Mi/Gi, K/M/G): a usage error (64) when malformed or over Node's string limit. */
export function maxInputBytes(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_INPUT_BYTES;
  const m = /^(\d+)(Ki|Mi|Gi|K|M|G)?$/.exec(value.trim());
  const bytes = m ? Number(m[1]) * (SIZE_UNITS[m[2] ?? ''] ?? 1) : NaN;
  if (!(bytes > 0)) throw new UsageError(`invalid --max-input-size "${value}": expected a size such as 256Mi or 1000000`);
  if (bytes > MAX_STRING_BYTES) throw new UsageError(`invalid --max-input-size "${value}": at most ${Math.floor(MAX_STRING_BYTES / 1048576)}Mi`);
  return bytes;
}

/** Reads one file (or `-` for stdin) as UTF-8 text of at most `maxBytes` (config files: 32 MiB); any problem is exit 65 naming the file. */
export async function readText(ctx: CliContext, path: string, maxBytes = MAX_DOCUMENT_BYTES): Promise<TextSource> {
  const { sources, problems } = await readSources([path], { ...readOptions(ctx), maxFileBytes: maxBytes, filesOnly: true });
  const problem = problems[0];
  if (problem) throw new InputError(`${problem.file}:1:1: ${problem.message}`);
  const source = sources[0] as SourceText;
  return { source: source.name, text: source.text };
}

async function fromCluster(ctx: CliContext, opts: InjectConfigOptions): Promise<ConfigSources> {
  const kube = await ctx.kube();
  const ns = ctx.flags.istioNamespace;
  const suffix = opts.revision && opts.revision !== 'default' ? `-${opts.revision}` : '';
  const hint = `is Istio installed${suffix ? ` with revision ${opts.revision}` : ''}?`;
  const injectorName = `${opts.injectConfigMapName ?? 'istio-sidecar-injector'}${suffix}`;
  const meshName = `${opts.meshConfigMapName ?? 'istio'}${suffix}`;
  const [injector, mesh] = await Promise.all([
    kube.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: injectorName }),
    kube.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: meshName }),
  ]);
  const data = (o: unknown, key: string, name: string): string => {
    const v = ((o as { data?: Record<string, unknown> } | undefined)?.data ?? {})[key];
    if (typeof v !== 'string') throw new ClusterError(`ConfigMap ${ns}/${name} has no data.${key}; ${hint}`);
    return v;
  };
  if (!injector) throw new ClusterError(`ConfigMap ${ns}/${injectorName} not found; ${hint}`);
  if (!mesh) throw new ClusterError(`ConfigMap ${ns}/${meshName} not found; ${hint}`);
  return {
    injectConfig: { source: `ConfigMap ${ns}/${injectorName}`, text: data(injector, 'config', injectorName) },
    values: { source: `ConfigMap ${ns}/${injectorName}`, text: data(injector, 'values', injectorName) },
    meshConfig: { source: `ConfigMap ${ns}/${meshName}`, text: data(mesh, 'mesh', meshName) },
  };
}

export async function loadInjectConfig(ctx: CliContext, opts: InjectConfigOptions): Promise<InjectConfig> {
  const revision = opts.revision === 'default' ? '' : (opts.revision ?? '');
  const local = [opts.meshConfigFile, opts.injectConfigFile, opts.valuesFile, opts.operatorFileName].some(Boolean);
  if (opts.fromCluster && local) throw new UsageError('--from-cluster cannot be combined with --meshConfigFile, --injectConfigFile, --valuesFile or --operatorFileName');
  if (!opts.fromCluster && !local) return configFromInputs(await defaultInjectInputs(revision));

  const sources: ConfigSources = opts.fromCluster ? await fromCluster(ctx, opts) : {};
  if (opts.injectConfigFile) sources.injectConfig = await readText(ctx, opts.injectConfigFile);
  if (opts.valuesFile) sources.values = await readText(ctx, opts.valuesFile);
  if (opts.meshConfigFile) sources.meshConfig = await readText(ctx, opts.meshConfigFile);
  const overlays = opts.operatorFileName ? [await readText(ctx, opts.operatorFileName)] : [];
  const { buildInjectConfig, ConfigSourceError } = await import('../inject/config.js');
  const { prepareTemplates } = await import('../inject/render.js');
  const { TemplateError } = await import('../inject/gotemplate/index.js');
  try {
    const config = buildInjectConfig(await defaultInjectInputs(revision, overlays), sources);
    // templates from a file or the cluster are compiled up front, so a broken one is reported once, by source
    await prepareTemplates(config.injector);
    return config;
  } catch (err) {
    if (err instanceof ConfigSourceError) throw new InputError(err.message, { cause: err });
    if (err instanceof TemplateError) throw new InputError(`${sources.injectConfig?.source ?? 'template'}: ${err.message}`, { cause: err });
    throw err;
  }
}
