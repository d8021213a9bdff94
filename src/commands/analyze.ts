/**
 * `sailctl analyze [files|dirs|-]`: files and/or the cluster -> snapshot -> analyzers -> suppressions,
 * baseline, thresholds -> printer. Exit 79 when findings reach --failure-threshold, 65 when inputs had
 * problems (the rest is still analyzed and printed), 69 when the cluster cannot be read.
 */
import { resolve } from 'node:path';
import { filterDiagnostics, inNamespace, makeBaseline } from '../analyze/filter.js';
import { defaultIngressGateway, meshResources } from '../analyze/defaults.js';
import { meshSettings } from '../analyze/mesh.js';
import { documentationUrl, MESSAGE_TYPES } from '../analyze/messages/index.js';
import { inputKinds, selectAnalyzers } from '../analyze/registry.js';
import { runAnalyzers } from '../analyze/run.js';
import { Snapshot } from '../analyze/snapshot.js';
import type { Diagnostic } from '../analyze/types.js';
import { K } from '../analyze/kinds.js';
import type { CliContext } from '../context.js';
import { InputError, IssuesFoundError, UsageError } from '../errors.js';
import { formatAnalyzerList, formatDiagnosticsJson, formatDiagnosticsYaml, formatLog, formatProblems } from '../output/analysis.js';
import { formatGithub, formatGithubProblems } from '../output/github.js';
import { formatJson } from '../output/json.js';
import { withColor } from '../output/io.js';
import { formatSarif } from '../output/sarif.js';
import { CLIENT_VERSION } from '../release.js';
import { collectClusterState, type ClusterState } from './analyze-cluster.js';
import { parseAnalyzeOptions, type AnalyzeOptions } from './analyze-options.js';
import { loadBaseline, loadFiles, readDocument } from './analyze-inputs.js';
import { precomputeSchemaValidator } from './analyze-schema.js';
import { writeOutput } from './write-output.js';

function render(format: AnalyzeOptions['output'], shown: readonly Diagnostic[], ctx: CliContext, color: boolean | undefined): string {
  switch (format) {
    case 'json':
      return formatDiagnosticsJson(shown);
    case 'yaml':
      return formatDiagnosticsYaml(shown);
    case 'github':
      return formatGithub(shown);
    case 'sarif':
      return formatSarif(shown, { name: 'sailctl', version: CLIENT_VERSION, informationUri: 'https://istio.io/latest/docs/reference/config/analysis/', rules: MESSAGE_TYPES, documentationUrl });
    default:
      return formatLog(shown, color === undefined ? ctx.io.stdout : withColor(ctx.io.stdout, color));
  }
}

/** The Services of each `--remote-contexts` cluster (only what the multi-cluster analyzer compares). */
async function readRemoteClusters(ctx: CliContext, opts: AnalyzeOptions, selected: readonly { meta: { name: string } }[]) {
  if (opts.remoteContexts.length === 0 || !selected.some((a) => a.meta.name === 'services.MultiClusterServiceAnalyzer')) return [];
  const done = ctx.working(`reading the Services of ${opts.remoteContexts.join(', ')}`);
  const out = [];
  for (const context of opts.remoteContexts) {
    const state = await collectClusterState(await ctx.kubeForContext(context), [K.Service], { timeoutMs: opts.timeoutMs, istioNamespace: ctx.flags.istioNamespace, revision: opts.revision });
    out.push({ cluster: context, objects: state.objects });
  }
  done();
  return out;
}

export async function analyzeCommand(ctx: CliContext, raw: Record<string, unknown>, args: string[]): Promise<void> {
  const opts = parseAnalyzeOptions(raw);
  const err = ctx.io.stderr;
  const { selected, unknown, fellBackToAll } = selectAnalyzers(opts.analyzers);
  for (const name of unknown) {
    const then = fellBackToAll ? 'no analyzer was selected, so all of them run (as istioctl does)' : 'ignored';
    err.write(`${err.style.yellow('Warning:')} no analyzer is named "${name}": ${then}. Run 'sailctl analyze -L' to list them.\n`);
  }
  if (opts.listAnalyzers) {
    ctx.io.stdout.write(opts.output === 'json' ? formatJson(selected.map((a) => a.meta)) : formatAnalyzerList(selected));
    return;
  }
  if (args.length === 0 && !opts.useKube) throw new UsageError('nothing to analyze: give files, directories or - (stdin), or leave --use-kube on');
  if (opts.recursive) err.write('Note: directories are always read recursively; -R/--recursive changes nothing.\n');

  const files = await loadFiles(ctx, args, opts.ignoreUnknown);
  const meshConfig = opts.meshConfigFile ? await readDocument(ctx, opts.meshConfigFile, '--meshConfigFile') : undefined;
  const meshNetworks = opts.meshNetworksFile ? await readDocument(ctx, opts.meshNetworksFile, '--meshNetworksFile') : undefined;
  const baseline = opts.baseline ? await loadBaseline(ctx, opts.baseline) : undefined;

  const kinds = inputKinds(selected);
  let cluster: ClusterState | undefined;
  if (opts.useKube) {
    const kube = await ctx.kube();
    const done = ctx.working('reading the cluster state for analysis');
    cluster = await collectClusterState(kube, kinds, { timeoutMs: opts.timeoutMs, istioNamespace: ctx.flags.istioNamespace, revision: opts.revision });
    done();
    for (const id of cluster.forbidden) err.write(`${err.style.yellow('Warning:')} not allowed to list ${id}; checks that need it may miss issues\n`);
  }
  const remote = opts.useKube ? await readRemoteClusters(ctx, opts, selected) : [];
  const namespace = ctx.flags.namespace ?? cluster?.namespace ?? 'default';
  // As istioctl: a file object without a namespace takes the selected one, or none at all with -A.
  const fileNamespace = opts.allNamespaces ? '' : namespace;
  const kindSet = new Set(kinds);
  const snapshot = new Snapshot({
    files: files.resources,
    cluster: cluster?.objects,
    defaultNamespace: fileNamespace,
    remote,
    kinds: new Set([...kindSet, K.ConfigMap]),
  });
  const mesh = meshSettings(snapshot, { meshConfig, meshNetworks, istioNamespace: ctx.flags.istioNamespace, revision: opts.revision });
  snapshot.addDefaults([...meshResources(mesh), ...(opts.useKube ? [] : defaultIngressGateway(mesh))], kindSet);
  const schemaKinds = selected.flatMap((a) => (a.meta.validates ? [a.meta.validates] : []));
  const validate = schemaKinds.length > 0 ? await precomputeSchemaValidator(snapshot, schemaKinds) : undefined;
  const all = runAnalyzers({ snapshot, analyzers: selected, mesh, validate, now: Date.now(), complete: opts.useKube || opts.snapshot });
  // Without -A, a cluster analysis (or an explicit -n) shows one namespace; loose files show all of theirs.
  const scoped = !opts.allNamespaces && (opts.useKube || ctx.flags.namespace !== undefined);
  const diagnostics = scoped ? inNamespace(all, namespace) : all;
  const result = filterDiagnostics(diagnostics, { ...opts, baseline });

  ctx.io.stdout.write(render(opts.output, result.shown, ctx, opts.color));
  if (opts.writeBaseline) {
    await writeOutput(ctx, opts.writeBaseline, formatJson(makeBaseline(result.kept)));
    err.write(`Wrote a baseline of ${result.kept.length} finding(s) to ${opts.writeBaseline}.\n`);
  }
  if (files.problems.length > 0) {
    if (opts.output === 'github') ctx.io.stdout.write(formatGithubProblems(files.problems));
    err.write(formatProblems(files.problems, err));
    throw new InputError(`${files.problems.length} input problem(s); the other documents were analyzed`);
  }
  const where = scoped ? `namespace: ${namespace}` : 'all namespaces';
  const notes = [result.suppressed ? `${result.suppressed} suppressed` : '', result.baselined ? `${result.baselined} in the baseline` : ''].filter(Boolean).join(', ');
  if (result.counted.length === 0) err.write(`${err.style.green('✔')} No validation issues found when analyzing ${where}.${notes ? ` (${notes})` : ''}\n`);
  else if (result.shown.length < result.counted.length) err.write(`${result.counted.length - result.shown.length} message(s) below --output-threshold ${opts.outputThreshold} not shown.\n`);
  if (result.failed) {
    throw new IssuesFoundError(`analysis found issues at or above ${opts.failureThreshold} when analyzing ${where}${notes ? ` (${notes})` : ''}`);
  }
}
