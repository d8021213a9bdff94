/**
 * CliContext: everything a command may use from the outside world, passed explicitly.
 * `kube()` loads the cluster port (and @kubernetes/client-node) on first use only.
 */
import type { KubeClient } from './kube/types.js';
import type { IO } from './output/io.js';

export interface GlobalFlags {
  kubeconfig?: string;
  context?: string;
  /** `-n`: undefined means "the context's namespace" (or `default`). */
  namespace?: string;
  istioNamespace: string;
  kubeclientTimeoutMs: number;
  /** 0 = quiet; `-v` = 1; `-v N` = N. */
  verbose: number;
}

export interface CliContext {
  readonly io: IO;
  readonly flags: GlobalFlags;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C / SIGTERM. Long operations pass it on and stop promptly. */
  readonly signal: AbortSignal;
  /** The cluster port, created on first call and memoised. */
  kube(): Promise<KubeClient>;
  /** A cluster port for another kubeconfig context (multi-cluster analysis), memoised per context. */
  kubeForContext(context: string): Promise<KubeClient>;
  /**
   * Declares work in progress so an interruption can say what was left unfinished.
   * Returns a function to call when that work is done.
   */
  working(description: string): () => void;
}

export interface ContextOptions {
  io: IO;
  flags: GlobalFlags;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  signal: AbortSignal;
  /** Work declared through `working()` and not yet finished; shared with main.ts for interrupt reports. */
  unfinished?: Set<string>;
}

export function createContext(options: ContextOptions): CliContext {
  let client: Promise<KubeClient> | undefined;
  const others = new Map<string, Promise<KubeClient>>();
  const connect = (context: string | undefined) =>
    import('./kube/client.js').then((m) =>
      m.createKubeClient({
        kubeconfig: options.flags.kubeconfig,
        context,
        timeoutMs: options.flags.kubeclientTimeoutMs,
        env: options.env,
        signal: options.signal,
        verbose: options.flags.verbose,
        log: (line: string) => options.io.stderr.write(`${line}\n`),
      }),
    );
  const unfinished = options.unfinished ?? new Set<string>();
  return {
    io: options.io,
    flags: options.flags,
    cwd: options.cwd,
    env: options.env,
    signal: options.signal,
    kube() {
      client ??= connect(options.flags.context);
      return client;
    },
    kubeForContext(context: string) {
      let c = others.get(context);
      if (!c) others.set(context, (c = connect(context)));
      return c;
    },
    working(description: string) {
      const key = description;
      unfinished.add(key);
      return () => {
        unfinished.delete(key);
      };
    },
  };
}
