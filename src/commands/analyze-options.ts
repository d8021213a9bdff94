/** `sailctl analyze` options: parsed and checked once, so the command body only orchestrates. */
import { parseSuppression, parseLevel, type Suppression } from '../analyze/filter.js';
import type { Level } from '../analyze/messages/index.js';
import { durationFlag } from '../durations.js';
import { UsageError } from '../errors.js';

export const ANALYZE_FORMATS = ['log', 'json', 'yaml', 'sarif', 'github'] as const;
export type AnalyzeFormat = (typeof ANALYZE_FORMATS)[number];

export interface AnalyzeOptions {
  allNamespaces: boolean;
  recursive: boolean;
  useKube: boolean;
  output: AnalyzeFormat;
  outputThreshold: Level;
  failureThreshold: Level;
  suppressions: Suppression[];
  listAnalyzers: boolean;
  analyzers: string[];
  meshConfigFile?: string;
  meshNetworksFile?: string;
  ignoreUnknown: boolean;
  revision: string;
  timeoutMs: number;
  /** Other kubeconfig contexts of a multi-cluster mesh (`--remote-contexts a,b`). */
  remoteContexts: string[];
  snapshot: boolean;
  /** `--color`: force colours on or off in the log output; undefined = decided by the terminal. */
  color?: boolean;
  baseline?: string;
  writeBaseline?: string;
}

function level(value: unknown, flag: string, fallback: Level): Level {
  if (value === undefined) return fallback;
  const l = parseLevel(String(value));
  if (!l) throw new UsageError(`invalid ${flag} "${String(value)}": use Error, Warning or Info`);
  return l;
}

export function parseAnalyzeOptions(raw: Record<string, unknown>): AnalyzeOptions {
  const output = String(raw.output ?? 'log') as AnalyzeFormat;
  if (!ANALYZE_FORMATS.includes(output)) throw new UsageError(`unknown output format "${output}": use ${ANALYZE_FORMATS.join(', ')}`);
  const suppressions = ((raw.suppress as string[] | undefined) ?? []).map((s) => {
    const parsed = parseSuppression(s);
    if (!parsed) throw new UsageError(`invalid --suppress "${s}": expected CODE=Kind name, e.g. "IST0102=Namespace default" or "IST0107=Pod *.shop"`);
    return parsed;
  });
  const timeout = String(raw.timeout ?? '30s');
  const timeoutMs = durationFlag('--timeout', timeout, 'such as 30s or 1m');
  if (raw.snapshot === true && raw.useKube !== false) {
    throw new UsageError('--snapshot treats the files as the whole cluster state; use it with --use-kube=false');
  }
  return {
    allNamespaces: raw.allNamespaces === true,
    recursive: raw.recursive === true,
    useKube: raw.useKube !== false,
    output,
    outputThreshold: level(raw.outputThreshold, '--output-threshold', 'Info'),
    failureThreshold: level(raw.failureThreshold, '--failure-threshold', 'Error'),
    suppressions,
    listAnalyzers: raw.listAnalyzers === true,
    analyzers: (raw.analyzer as string[] | undefined) ?? [],
    meshConfigFile: raw.meshConfigFile as string | undefined,
    meshNetworksFile: raw.meshNetworksFile as string | undefined,
    ignoreUnknown: raw.ignoreUnknown === true,
    color: typeof raw.color === 'boolean' ? raw.color : undefined,
    revision: (raw.revision as string | undefined) ?? '',
    timeoutMs,
    remoteContexts: ((raw.remoteContexts as string[] | undefined) ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean),
    snapshot: raw.snapshot === true,
    baseline: raw.baseline as string | undefined,
    writeBaseline: raw.writeBaseline as string | undefined,
  };
}
