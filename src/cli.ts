/**
 * Commander wiring only: global flags (named as istioctl names them), one `.command()` per command,
 * and each handler loaded with `await import()` so a command pays only for what it uses.
 */
import { Command, CommanderError, Option } from 'commander';
import { createContext, type CliContext, type GlobalFlags } from './context.js';
import { UsageError } from './errors.js';
import { parseDuration } from './durations.js';
import type { IO } from './output/io.js';

export interface CliDeps {
  io: IO;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  signal: AbortSignal;
  unfinished?: Set<string>;
}

type Handler = (ctx: CliContext, options: Record<string, unknown>, args: string[]) => Promise<void>;

/** `--flag=false` / `--flag` / `--flag true`: istioctl-style booleans. */
export function parseBool(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new UsageError(`expected true or false, got "${value}"`);
}

/** Repeatable flags (`-f a -f b`, `--set x=1 --set y=2`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * `-v` takes an optional level (`-v 1` for proxy-status columns, as istioctl). Commander would swallow a
 * following command name as the level, so a bare `-v` becomes `--verbose=1` unless a number follows.
 */
export function normaliseVerbose(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (a === '-v' || a === '--verbose') {
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
  const timeoutMs = parseDuration(timeout);
  if (timeoutMs === undefined || timeoutMs <= 0) {
    throw new UsageError(`invalid --kubeclient-timeout "${timeout}": expected a duration such as 15s or 1m`);
  }
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

export function buildProgram(deps: CliDeps): Command {
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
      await handler(ctx, options, args);
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
      '\nExit codes: 0 ok, 1 internal error, 64 usage, 65 bad input, 69 cluster unavailable,\n' +
        '79 analyze found issues, 80 verify-install failed, 130 interrupted.\n',
    );

  // ---- commands (keep alphabetical) ----

  command('version', 'print the client, control-plane and data-plane versions')
    .option('--remote [bool]', 'also ask the cluster for control-plane and data-plane versions', parseBool, true)
    .option('-o, --output <format>', 'output format: text, short, json or yaml', 'text')
    .option('-r, --revision <revision>', 'only this control-plane revision')
    .action(action(async () => (await import('./commands/version.js')).versionCommand as Handler));

  return program;
}

/** Parses argv and runs the selected command. Throws CliError subclasses for every non-zero outcome. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<void> {
  const program = buildProgram(deps);
  if (argv.length === 0) {
    deps.io.stdout.write(program.helpInformation());
    return;
  }
  try {
    await program.parseAsync(normaliseVerbose(argv), { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version') return;
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
