/**
 * Commander wiring only: global flags (named as istioctl names them), one `.command()` per command,
 * and each handler loaded with `await import()` so a command pays only for what it uses.
 */
import { Command, CommanderError, Option } from 'commander';
import { DNS_LABEL_RULE, isDnsLabel } from './api/dns-label.js';
import { createContext, type CliContext, type GlobalFlags } from './context.js';
import { ExitCode, UsageError, type Outcome } from './errors.js';
import { durationFlag } from './durations.js';
import type { IO } from './output/io.js';

export interface CliDeps {
  io: IO;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  signal: AbortSignal;
  unfinished?: Set<string>;
}

type Handler = (ctx: CliContext, options: Record<string, unknown>, args: string[]) => Promise<Outcome>;

/** `--flag=false` / `--flag` / `--flag true`: istioctl-style booleans. */
export function parseBool(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new UsageError(`expected true or false, got "${value}"`);
}

/** `-r/--revision`: a DNS label, checked before any request (a bad one must not reach the server as a 400). */
export function revisionFlag(value: string): string {
  if (!isDnsLabel(value)) throw new UsageError(`invalid --revision "${value}": use ${DNS_LABEL_RULE}, e.g. 1-24-0`);
  return value;
}

/** Repeatable flags (`-f a -f b`, `--set x=1 --set y=2`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * `-v` takes an optional level (`-v 1` for proxy-status columns, as istioctl). Commander would swallow a
 * following command name as the level, so a bare `-v` becomes `--verbose=1` unless a number follows. And
 * `-k=false` (analyze's short --use-kube, written as istioctl users write it) becomes `--use-kube=false`.
 */
export function normaliseVerbose(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (a.startsWith('-k=')) {
      // pflag lets a short boolean take `=value` (`istioctl analyze -k=false`); commander does not.
      out.push(`--use-kube=${a.slice(3)}`);
    } else if (a === '-v' || a === '--verbose') {
      const next = argv[i + 1];
      if (next !== undefined && /^\d+$/.test(next)) {
        out.push(`--verbose=${next}`);
        i++;
      } else out.push('--verbose=1');
    } else out.push(a);
  }
  return out;
}

function globalFlags(opts: Record<string, unknown>): GlobalFlags {
  const timeout = String(opts.kubeclientTimeout ?? '15s');
  const timeoutMs = durationFlag('--kubeclient-timeout', timeout, 'such as 15s or 1m', ["Run 'sailctl --help' for usage."]);
  const verbose = Number(opts.verbose ?? 0);
  return {
    kubeconfig: opts.kubeconfig as string | undefined,
    context: opts.context as string | undefined,
    namespace: opts.namespace as string | undefined,
    istioNamespace: (opts.istioNamespace as string | undefined) ?? 'istio-system',
    kubeclientTimeoutMs: timeoutMs,
    verbose: Number.isFinite(verbose) ? verbose : 1,
  };
}

/** `onOutcome` receives what the command's handler returned (its exit code when not 0). */
export function buildProgram(deps: CliDeps, onOutcome: (outcome: Outcome) => void = () => {}): Command {
  const { io } = deps;
  const program = new Command('sailctl');
  const wire = (cmd: Command): Command =>
    cmd
      .exitOverride()
      .configureOutput({
        writeOut: (s) => io.stdout.write(s),
        writeErr: (s) => io.stderr.write(s),
        // Errors are raised as UsageError and printed once by main.ts.
        outputError: () => {},
      })
      .showSuggestionAfterError(true);

  const action =
    (load: () => Promise<Handler>) =>
    async (...params: unknown[]) => {
      const cmd = params[params.length - 1] as Command;
      const options = cmd.opts();
      const args = cmd.args;
      const flags = globalFlags(cmd.optsWithGlobals());
      const ctx = createContext({ io, flags, cwd: deps.cwd, env: deps.env, signal: deps.signal, unfinished: deps.unfinished });
      const handler = await load();
      onOutcome(await handler(ctx, options, args));
    };
  const command = (name: string, description: string): Command => {
    const cmd = wire(program.command(name).description(description));
    cmd.helpOption('-h, --help', 'show help for this command');
    return cmd;
  };

  wire(program)
    .description('sailctl: install, check and operate the Istio service mesh')
    .usage('[global flags] <command> [flags]')
    .helpOption('-h, --help', 'show help')
    .option('-c, --kubeconfig <path>', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('-n, --namespace <namespace>', 'namespace (default: the context\'s namespace)')
    .option('-i, --istioNamespace <namespace>', 'namespace where the Istio control plane runs', 'istio-system')
    .option('--kubeclient-timeout <duration>', 'timeout for each Kubernetes API request', '15s')
    .addOption(new Option('-v, --verbose [level]', 'more output: stacks for errors, request logs at 6').argParser((v) => Number(v)))
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 internal error, 2 differences found, 64 usage, 65 bad input, 66 unreadable input,\n' +
        '69 cluster unavailable, 73 cannot create output, 74 I/O error, 78 bad configuration, 79 analyze found issues,\n' +
        '80 verify-install failed, 130 interrupted.\n',
    );

  // ---- commands (keep alphabetical) ----

  command('analyze', 'find problems in Istio configuration (files, the cluster, or both)')
    .argument('[files...]', 'files or directories of YAML to analyze; - reads standard input')
    .option('-A, --all-namespaces', 'analyze all namespaces (default: only the selected one when using the cluster)')
    .option('-R, --recursive', 'accepted for istioctl compatibility: directories are always read recursively')
    .option('-k, --use-kube [bool]', 'also read the cluster state (--use-kube=false: files only)', parseBool, true)
    .option('--snapshot', 'with --use-kube=false: the files are the whole cluster state (namespaces, pods, secrets...)')
    .option('--color [bool]', 'colour the log output (default: on a terminal; --color=false turns it off)', parseBool)
    .option('-o, --output <format>', 'output format: log, json, yaml, sarif or github', 'log')
    .option('--output-threshold <level>', 'lowest level shown: Info, Warning or Error', 'Info')
    .option('--failure-threshold <level>', 'lowest level that makes the exit code 79', 'Error')
    .option('-S, --suppress <code=kind name>', 'suppress a code on a resource, e.g. "IST0102=Namespace default" (repeatable, * wildcards)', collect)
    .option('--baseline <file>', 'count only findings not recorded in this baseline file')
    .option('--write-baseline <file>', 'record the current findings (after suppressions) as a baseline file')
    .option('-L, --list-analyzers', 'list the analyzers and exit')
    .option('--analyzer <name>', 'run only this analyzer, by Istio\'s name (repeatable; also a prefix such as "gateway" or a * glob)', collect)
    .option('--meshConfigFile <file>', 'MeshConfig YAML to use instead of the cluster\'s')
    .option('--meshNetworksFile <file>', 'MeshNetworks YAML to use instead of the cluster\'s')
    .option('--ignore-unknown', 'skip documents that are not Kubernetes objects instead of reporting them')
    .addOption(new Option('--ignoreUnknown', 'same as --ignore-unknown').hideHelp())
    .option('-r, --revision <revision>', 'control-plane revision to analyze against', revisionFlag, 'default')
    .option('--timeout <duration>', 'longest time to spend reading the cluster', '30s')
    .option('--remote-contexts <contexts>', 'kubeconfig contexts of the other clusters of a multi-cluster mesh (comma-separated, repeatable)', collect)
    .action(action(async () => (await import('./commands/analyze.js')).analyzeCommand as Handler));

  command('explain', 'explain an analysis message code: what it means, a failing and a passing example, the fix')
    .argument('<code>', 'message code, e.g. IST0101')
    .option('-o, --output <format>', 'output format: text, json or yaml', 'text')
    .action(action(async () => (await import('./commands/explain.js')).explainCommand as Handler));

  command('install', 'install or upgrade Istio: apply the rendered install, wait until ready, prune, roll back on failure')
    .alias('upgrade')
    .option('-f, --filename <file>', 'IstioOperator file, repeatable, overlaid left to right (- reads standard input)', collect)
    .option('-s, --set <path=value>', 'override one field, e.g. values.global.logAsJson=true or profile=demo (repeatable)', collect)
    .option('--profile <name>', 'install profile (same as --set profile=NAME)')
    .option('-r, --revision <revision>', 'control-plane revision to install', revisionFlag)
    .option('-y, --skip-confirmation', 'do not ask for confirmation')
    .option('--dry-run', 'send every change with server-side dry run: validated by the API server, nothing is written')
    .option('--plan', 'only show what would be created, changed and pruned (exit 2 when something would)')
    .option('-o, --output <format>', 'output format of --plan: text or json', 'text')
    .option('--force', 'proceed despite validation errors in the install settings (they become warnings)')
    .option('--readiness-timeout <duration>', 'how long to wait for CRDs and workloads to become ready', '300s')
    .option('--no-rollback', 'leave what was applied in place when the install fails or is interrupted')
    .option('--progress <mode>', 'progress on stderr: auto (spinner on a terminal), plain or json (NDJSON events)', 'auto')
    .action(action(async () => (await import('./commands/install.js')).installCommand as Handler));

  command('kube-inject', 'add Istio sidecars to the workloads of a YAML file, offline, as istiod would')
    .option('-f, --filename <file>', 'YAML file with workloads (- reads standard input)')
    .option('-o, --output <file>', 'write the result to this file instead of standard output')
    .option('--in-place', 'rewrite the input file (safely: temporary file, then rename)')
    .option('--check', 'only report: exit 1 if a workload lacks a sidecar or carries a stale one')
    .option('--report <format>', 'per-workload report on stderr: text or json', 'text')
    .option('--max-input-size <size>', 'largest -f input (bytes, or Ki/Mi/Gi); each document stays limited to 32 MiB', '128Mi')
    .option('--meshConfigFile <file>', 'MeshConfig (or the istio ConfigMap) to use instead of the install defaults')
    .option('--injectConfigFile <file>', 'injector config (or ConfigMap, or a bare template) to use instead of the built-in one')
    .option('--valuesFile <file>', 'injector values (JSON or YAML, or the injector ConfigMap) over the install defaults')
    .option('--operatorFileName <file>', 'IstioOperator whose spec.values and spec.meshConfig are used')
    .option('-r, --revision <revision>', 'control-plane revision to inject for', revisionFlag)
    .option('--from-cluster', 'read the injector and mesh ConfigMaps from the -i namespace instead')
    .option('--injectConfigMapName <name>', 'with --from-cluster: the injector ConfigMap name', 'istio-sidecar-injector')
    .option('--meshConfigMapName <name>', 'with --from-cluster: the mesh ConfigMap name', 'istio')
    .action(action(async () => (await import('./commands/kube-inject.js')).kubeInjectCommand as Handler));

  const manifest = command('manifest', 'render Istio install manifests offline, and compare manifests');
  wire(manifest.command('generate').description('print the Kubernetes objects an install would create (profile, -f files, --set)'))
    .helpOption('-h, --help', 'show help for this command')
    .option('-f, --filename <file>', 'IstioOperator file, repeatable, overlaid left to right (- reads standard input)', collect)
    .option('-s, --set <path=value>', 'override one field, e.g. values.global.logAsJson=true or profile=demo (repeatable)', collect)
    .option('--profile <name>', 'install profile (same as --set profile=NAME)')
    .option('-r, --revision <revision>', 'control-plane revision (names and labels carry it)', revisionFlag)
    .option('--force', 'warn about unknown fields instead of failing')
    .option('-o, --output <dir>', 'write one YAML file per component to this directory instead of standard output')
    .option('--component <name>', 'only these components: Base, Pilot, Cni, Ztunnel, IngressGateways, EgressGateways (repeatable)', collect)
    .action(action(async () => (await import('./commands/manifest.js')).manifestGenerateCommand as Handler));
  wire(manifest.command('diff').description('compare two manifests object by object (exit 2 when they differ)'))
    .helpOption('-h, --help', 'show help for this command')
    .argument('<a>', 'first manifest file (- reads standard input)')
    .argument('<b>', 'second manifest file')
    .option('--ignore <path>', 'field path to leave out of the comparison, e.g. metadata.labels (repeatable)', collect)
    .option('-o, --output <format>', 'output format: text or json', 'text')
    .action(action(async () => (await import('./commands/manifest.js')).manifestDiffCommand as Handler));

  command('plan', 'show what install would create, change (field by field) and prune in the cluster; exit 2 when anything')
    .option('-f, --filename <file>', 'IstioOperator file, repeatable, overlaid left to right (- reads standard input)', collect)
    .option('-s, --set <path=value>', 'override one field (repeatable)', collect)
    .option('--profile <name>', 'install profile (same as --set profile=NAME)')
    .option('-r, --revision <revision>', 'control-plane revision', revisionFlag)
    .option('--force', 'warn about unknown fields instead of failing')
    .option('-o, --output <format>', 'output format: text or json', 'text')
    .action(action(async () => (await import('./commands/plan.js')).planCommand as Handler));

  const profile = command('profile', 'list, show and compare install profiles');
  wire(profile.command('list').description('list the install profiles'))
    .helpOption('-h, --help', 'show help for this command')
    .option('-o, --output <format>', 'output format: text, json or yaml', 'text')
    .action(action(async () => (await import('./commands/profile.js')).profileListCommand as Handler));
  wire(profile.command('dump').description('print a profile (default: default) as an IstioOperator, with -f/--set applied'))
    .helpOption('-h, --help', 'show help for this command')
    .argument('[name]', 'profile name')
    .option('-f, --filename <file>', 'IstioOperator file laid on the profile, repeatable (- reads standard input)', collect)
    .option('-s, --set <path=value>', 'override one field (repeatable)', collect)
    .option('--config-path <path>', 'print only this part of the spec, e.g. values.global or components.pilot')
    .option('--force', 'warn about unknown fields instead of failing')
    .option('-o, --output <format>', 'output format: yaml or json', 'yaml')
    .action(action(async () => (await import('./commands/profile.js')).profileDumpCommand as Handler));
  wire(profile.command('diff').description('show the fields two profiles set differently (exit 2 when they differ)'))
    .helpOption('-h, --help', 'show help for this command')
    .argument('<a>', 'first profile')
    .argument('<b>', 'second profile')
    .option('-o, --output <format>', 'output format: text or json', 'text')
    .action(action(async () => (await import('./commands/profile.js')).profileDiffCommand as Handler));

  const proxyConfig = command('proxy-config', "show a proxy's Envoy configuration, read from its admin API through the API server").alias('pc');
  const pcType = (name: string, aliases: string[], description: string): Command =>
    wire(proxyConfig.command(name).aliases(aliases).description(description))
      .helpOption('-h, --help', 'show help for this command')
      .argument('<pod>', 'the proxy: POD, POD.NAMESPACE or TYPE/NAME[.NAMESPACE], e.g. deployment/reviews-v1.shop')
      .option('-o, --output <format>', 'output format: short (table), json or yaml', 'short');
  const pcLoad = (type: string) => action(async () => ((await import('./commands/proxy-config.js')).proxyConfigHandler(type)) as Handler);
  pcType('all', ['a'], 'clusters, listeners, routes, endpoints and secrets')
    .action(pcLoad('all'));
  pcType('bootstrap', ['b'], "Envoy's bootstrap configuration").action(pcLoad('bootstrap'));
  pcType('cluster', ['clusters', 'c'], 'clusters (upstreams)')
    .option('--fqdn <host>', 'only this service host (or its first labels, e.g. "reviews")')
    .option('--port <port>', 'only this port')
    .option('--direction <dir>', 'inbound or outbound')
    .option('--subset <name>', 'only this subset')
    .action(pcLoad('cluster'));
  pcType('endpoint', ['endpoints', 'ep'], "endpoints of every cluster with their health (Envoy's /clusters)")
    .option('--address <ip>', 'only this address')
    .option('--port <port>', 'only this port')
    .option('--cluster <name>', 'only this cluster')
    .option('--status <status>', 'only this health status, e.g. HEALTHY or UNHEALTHY')
    .action(pcLoad('endpoint'));
  pcType('listener', ['listeners', 'l'], 'listeners')
    .option('--address <ip>', 'only this address')
    .option('--port <port>', 'only this port')
    .option('--type <type>', 'only HTTP or TCP filter chains')
    .action(pcLoad('listener'));
  pcType('log', ['o'], "get or set Envoy's log levels")
    .option('--level <levels>', 'set levels: a level for all (debug) or logger:level pairs (http:debug,router:info)')
    .option('-r, --reset', 'set every logger back to warning')
    .action(pcLoad('log'));
  pcType('route', ['routes', 'r'], 'route configurations and their virtual hosts')
    .option('--name <name>', 'only this route configuration')
    .action(pcLoad('route'));
  pcType('secret', ['secrets', 's'], 'certificates: names, serial numbers and validity dates (never key material)')
    .option('--name <name>', 'only this secret')
    .action(pcLoad('secret'));

  command('proxy-status', 'sync state of every proxy as istiod reports it; with one proxy, istiod\'s config against Envoy\'s')
    .alias('ps')
    .argument('[pod]', 'one proxy: POD, POD.NAMESPACE or TYPE/NAME[.NAMESPACE]')
    .option('-r, --revision <revision>', 'only the istiod pods of this control-plane revision', revisionFlag)
    .option('--xds-label <selector>', 'label selector of the istiod pods (default app=istiod)')
    .option('-o, --output <format>', 'output format: table, json or yaml', 'table')
    .addHelpText('after', '\nWith -v 1: one column per xDS type (SYNCED, NOT SENT, STALE, ERROR, IGNORED) and the time since the last push.\n')
    .action(action(async () => (await import('./commands/proxy-status.js')).proxyStatusCommand as Handler));

  command('uninstall', 'remove an Istio install: one revision, the objects of an install file, or everything (--purge)')
    .option('-r, --revision <revision>', 'remove this control-plane revision', revisionFlag)
    .option('-f, --filename <file>', 'remove the objects of this install (IstioOperator file, repeatable)', collect)
    .option('-s, --set <path=value>', 'with -f: override one field (repeatable)', collect)
    .option('--profile <name>', 'with -f: install profile')
    .option('--purge', 'remove every revision and the Istio CRDs (and so every Istio resource)')
    .option('--dry-run', 'list what would be removed; remove nothing')
    .option('-y, --skip-confirmation', 'do not ask for confirmation')
    .action(action(async () => (await import('./commands/uninstall.js')).uninstallCommand as Handler));

  command('validate', 'validate Istio resources (and Services/workloads) in files against Istio\'s API, offline')
    .argument('[files...]', 'more files or directories (same as -f)')
    .option('-f, --filename <path>', 'file or directory of YAML to validate, repeatable (- reads standard input)', collect)
    .option('-x, --referential [bool]', 'also check references inside resources (gateway names, exportTo, subsets)', (v: string | undefined) => parseBool(v?.replace(/^=/, '')), true)
    .option('-R, --recursive', 'descend into sub-directories')
    .option('-o, --output <format>', 'output format: log, json or yaml', 'log')
    .action(action(async () => (await import('./commands/validate.js')).validateCommand as Handler));

  command('verify-install', 'check that Istio is installed and healthy: CRDs, control plane, webhooks, gateways')
    .option('-f, --filename <file>', 'check against this install (IstioOperator file, repeatable)', collect)
    .option('-s, --set <path=value>', 'check against the install with this override (repeatable)', collect)
    .option('--profile <name>', 'check against this install profile')
    .option('-r, --revision <revision>', 'check this control-plane revision', revisionFlag)
    .option('-o, --output <format>', 'output format: text or json', 'text')
    .option('--wait <duration>', 'check again until healthy or this much time has passed, e.g. 2m')
    .action(action(async () => (await import('./commands/verify-install.js')).verifyInstallCommand as Handler));

  command('version', 'print the client, control-plane and data-plane versions')
    .option('--remote [bool]', 'also ask the cluster for control-plane and data-plane versions', parseBool, true)
    .option('-s, --short', 'short form, as istioctl: the bare client version, or one line per plane with a cluster')
    .option('-o, --output <format>', 'output format: text, json or yaml (short is the same as -s)', 'text')
    .option('-r, --revision <revision>', 'only this control-plane revision', revisionFlag)
    .action(action(async () => (await import('./commands/version.js')).versionCommand as Handler));

  const experimental = command('x', 'experimental commands');
  wire(experimental.command('precheck').description('check that Istio can be installed or upgraded: Kubernetes version, permissions, existing installs, alpha annotations'))
    .helpOption('-h, --help', 'show help for this command')
    .option('-r, --revision <revision>', 'the revision about to be installed', revisionFlag)
    .option('-o, --output <format>', 'output format: log, json, yaml, sarif or github', 'log')
    .option('--output-threshold <level>', 'lowest level shown: Info, Warning or Error', 'Info')
    .option('--failure-threshold <level>', 'lowest level that makes the exit code 79', 'Error')
    .option('-S, --suppress <code=kind name>', 'suppress a code on a resource, e.g. "IST0136=Pod *" (repeatable, * wildcards)', collect)
    .action(action(async () => (await import('./commands/precheck.js')).precheckCommand as Handler));
  wire(experimental.command('uninject').description('remove injected Istio sidecars from the workloads of a YAML file'))
    .helpOption('-h, --help', 'show help for this command')
    .option('-f, --filename <file>', 'YAML file with injected workloads (- reads standard input)')
    .option('-o, --output <file>', 'write the result to this file instead of standard output')
    .option('--in-place', 'rewrite the input file (safely: temporary file, then rename)')
    .option('--report <format>', 'per-workload report on stderr: text or json', 'text')
    .option('--max-input-size <size>', 'largest -f input (bytes, or Ki/Mi/Gi); each document stays limited to 32 MiB', '128Mi')
    .action(action(async () => (await import('./commands/uninject.js')).uninjectCommand as Handler));

  return program;
}

const asksForHelp = (argv: readonly string[]): boolean => {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '-h' || a === '--help' || a === 'help');
};

/**
 * Commander shows help before it looks for the subcommand, so `sailctl frob --help` (or `sailctl x frob -h`,
 * `sailctl help frob`) would print the help of the parent with exit 0. This walks the command words as commander
 * would, on a throwaway program (parsing sets option values), and returns the command group that does not know the
 * next word, with that word.
 */
export function unknownSubcommand(program: Command, argv: readonly string[]): { group: Command; name: string } | undefined {
  let group = program;
  let args = [...argv];
  while (group.commands.length > 0) {
    let operands: string[];
    let unknown: string[];
    try {
      ({ operands, unknown } = group.parseOptions(args));
    } catch {
      return undefined; // a bad flag value: the real parse reports it
    }
    const name = operands[0] === 'help' ? operands[1] : operands[0];
    if (name === undefined) return undefined;
    const sub = group.commands.find((c) => c.name() === name || c.aliases().includes(name));
    if (!sub) return { group, name };
    args = [...operands.slice(operands[0] === 'help' ? 2 : 1), ...unknown];
    group = sub;
  }
  return undefined;
}

/** Parses argv and runs the selected command: returns the exit code of its result, throws CliError subclasses for failures. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<ExitCode> {
  let outcome: Outcome = undefined;
  const program = buildProgram(deps, (o) => (outcome = o));
  if (argv.length === 0) {
    deps.io.stdout.write(program.helpInformation());
    return ExitCode.Ok;
  }
  const args = normaliseVerbose(argv);
  try {
    const unknown = asksForHelp(args) ? unknownSubcommand(buildProgram(deps), args) : undefined;
    // Let commander word the error (and its "Did you mean" suggestion) by giving the group just that word.
    if (unknown) await unknown.group.parseAsync([unknown.name], { from: 'user' });
    await program.parseAsync(args, { from: 'user' });
    return outcome ?? ExitCode.Ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version') return ExitCode.Ok;
      const message = err.message.replace(/^error:\s*/, '');
      const sub = argv.find((a) => !a.startsWith('-'));
      const known = sub !== undefined && program.commands.some((c) => c.name() === sub || c.aliases().includes(sub));
      throw new UsageError(message, {
        cause: err,
        details: [`Run 'sailctl ${known ? `${sub} ` : ''}--help' for usage.`],
      });
    }
    throw err;
  }
}
