/**
 * `sailctl x precheck`: before install or upgrade — Kubernetes version, permissions to create what install
 * creates (one SelfSubjectAccessReview each), existing control planes and revisions, alpha annotations in
 * use. Messages, formats, thresholds and exit codes as `analyze` (79 when a message reaches --failure-threshold).
 */
import { filterDiagnostics, parseLevel, parseSuppression } from '../analyze/filter.js';
import { documentationUrl, MESSAGE_TYPES, type Level } from '../analyze/messages/index.js';
import { compareDiagnostics } from '../analyze/run.js';
import type { CliContext } from '../context.js';
import { IssuesFoundError, UsageError } from '../errors.js';
import { KubeApiError } from '../kube/errors.js';
import type { ListResult } from '../kube/types.js';
import { formatDiagnosticsJson, formatDiagnosticsYaml, formatLog } from '../output/analysis.js';
import { formatGithub } from '../output/github.js';
import { formatSarif } from '../output/sarif.js';
import { installAccessReviews } from '../precheck/install-access.js';
import { runPrechecks } from '../precheck/checks.js';
import { CLIENT_VERSION } from '../release.js';
import { controlPlaneVersions } from '../versioninfo/collect.js';
import { ANALYZE_FORMATS, type AnalyzeFormat } from './analyze-options.js';

function level(value: unknown, flag: string, fallback: Level): Level {
  if (value === undefined) return fallback;
  const l = parseLevel(String(value));
  if (!l) throw new UsageError(`invalid ${flag} "${String(value)}": use Error, Warning or Info`);
  return l;
}

/** A list the user may not be allowed to read: forbidden means "skip that check and say so", not failure. */
async function allowedList(list: Promise<ListResult>, what: string, warnings: string[]): Promise<ListResult> {
  try {
    return await list;
  } catch (err) {
    if (!(err instanceof KubeApiError) || err.status !== 403) throw err;
    warnings.push(`not allowed to list ${what} in all namespaces; the checks that need them were skipped`);
    return { items: [], resourceVersion: '' };
  }
}

/** Runs `fn` over `items` with at most `size` in flight (keeps the number of open requests small). */
async function inPool<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

export async function precheckCommand(ctx: CliContext, raw: Record<string, unknown>): Promise<void> {
  const output = String(raw.output ?? 'log') as AnalyzeFormat;
  if (!ANALYZE_FORMATS.includes(output)) throw new UsageError(`unknown output format "${output}": use ${ANALYZE_FORMATS.join(', ')}`);
  const outputThreshold = level(raw.outputThreshold, '--output-threshold', 'Info');
  const failureThreshold = level(raw.failureThreshold, '--failure-threshold', 'Error');
  const suppressions = ((raw.suppress as string[] | undefined) ?? []).map((s) => {
    const parsed = parseSuppression(s);
    if (!parsed) throw new UsageError(`invalid --suppress "${s}": expected CODE=Kind name, e.g. "IST0136=Pod *"`);
    return parsed;
  });
  const revision = raw.revision as string | undefined;

  const kube = await ctx.kube();
  const done = ctx.working('checking the cluster before an Istio install');
  const reviews = installAccessReviews(ctx.flags.istioNamespace);
  const warnings: string[] = [];
  const [serverVersion, answers, istiods, pods] = await Promise.all([
    kube.serverVersion(),
    inPool(reviews, 4, (review) => kube.canI(review)),
    allowedList(kube.list('apps/v1', 'Deployment', { labelSelector: 'app=istiod' }), 'deployments.apps', warnings),
    allowedList(kube.list('v1', 'Pod'), 'pods', warnings),
  ]);
  done();
  for (const w of warnings) ctx.io.stderr.write(`${ctx.io.stderr.style.yellow('Warning:')} ${w}\n`);
  const diagnostics = runPrechecks({ serverVersion, access: reviews.map((review, i) => ({ review, result: answers[i] ?? { allowed: false } })), pods: pods.items }).sort(compareDiagnostics);
  const result = filterDiagnostics(diagnostics, { suppressions, outputThreshold, failureThreshold });

  const out = ctx.io.stdout;
  if (output === 'json') out.write(formatDiagnosticsJson(result.shown));
  else if (output === 'yaml') out.write(formatDiagnosticsYaml(result.shown));
  else if (output === 'github') out.write(formatGithub(result.shown));
  else if (output === 'sarif') out.write(formatSarif(result.shown, { name: 'sailctl', version: CLIENT_VERSION, informationUri: 'https://istio.io/latest/docs/reference/config/analysis/', rules: MESSAGE_TYPES, documentationUrl }));
  else out.write(formatLog(result.shown, out));

  const err = ctx.io.stderr;
  const planes = controlPlaneVersions(istiods.items);
  if (planes.length > 0) {
    err.write(`Istio is already installed: ${planes.map((p) => `revision ${p.revision} (${p.version}) in ${p.namespace}`).join('; ')}.\n`);
    if (revision && planes.some((p) => p.revision === revision)) err.write(`Installing revision ${revision} again upgrades it in place.\n`);
    else if (revision) err.write(`Revision ${revision} would be installed next to them (a canary upgrade).\n`);
  }
  if (result.failed) throw new IssuesFoundError(`precheck found issues at or above ${failureThreshold}`);
  if (result.counted.length === 0) err.write(`${err.style.green('✔')} No issues found when checking the cluster: Istio can be installed or upgraded.\n`);
}
