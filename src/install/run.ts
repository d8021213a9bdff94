/**
 * Applies a rendered install: phase by phase (see phases.ts), objects of a phase in parallel with server-side
 * apply, skipping objects already as rendered (so a second run writes nothing), waiting for CRDs and
 * workloads, pruning what the render no longer contains, and rolling back on failure or interruption.
 * Reports to an observer; never prints.
 */
import type { KubeClient, KubeObject } from '../kube/types.js';
import type { ManifestSet } from '../manifest/render.js';
import { diffObject } from '../plan/diff.js';
import { kindsOf, listInstalled, revisionSelector, selectPrunable } from './inventory.js';
import { Journal, rollback, type RollbackResult } from './journal.js';
import { mapLimit } from './parallel.js';
import { phasesOf, waitTargets, type Phase } from './phases.js';
import { waitUntilGone, waitUntilReady, type Pending } from './readiness.js';
import { nameOf, refOf } from './refs.js';

export interface InstallOptions {
  /** Server-side dry run: every write carries dryRun=All; nothing is waited for. */
  dryRun?: boolean;
  /** Remove objects of the same revision that the render no longer contains (default true). */
  prune?: boolean;
  /** Undo this run's changes when it fails or is interrupted (default true). */
  rollback?: boolean;
  readinessTimeoutMs: number;
  /** Writes in flight at once (default 10). */
  concurrency?: number;
  /** Stops the run (Ctrl-C). The client must outlive it, so rollback can still talk to the server. */
  signal?: AbortSignal;
  fieldManager?: string;
}

export interface PhaseCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface InstallObserver {
  phaseStart?(phase: Phase, index: number, total: number): void;
  /** Free text while a phase runs: `applying 4/17`, `waiting for Deployment istio-system/istiod: 0/1 ...`. */
  phaseUpdate?(phase: Phase, text: string): void;
  phaseDone?(phase: Phase, counts: PhaseCounts): void;
  phaseFailed?(phase: Phase, message: string): void;
  pruneStart?(count: number): void;
  rollbackStart?(): void;
}

export type InstallOutcome = 'installed' | 'unchanged' | 'failed' | 'interrupted';

export interface InstallResult {
  outcome: InstallOutcome;
  dryRun: boolean;
  created: string[];
  updated: string[];
  unchanged: number;
  pruned: string[];
  /** Why the run stopped (failed/interrupted). */
  failure?: { phase: string; message: string; pending: Pending[]; cause?: unknown };
  rollback?: RollbackResult;
}

class Stop extends Error {
  constructor(
    readonly phase: string,
    message: string,
    readonly pending: Pending[] = [],
    readonly original?: unknown,
  ) {
    super(message);
  }
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { status?: unknown }).status === 404;
}

export async function runInstall(kube: KubeClient, set: ManifestSet, options: InstallOptions, observer: InstallObserver = {}): Promise<InstallResult> {
  const dryRun = options.dryRun === true;
  const concurrency = options.concurrency ?? 10;
  const fieldManager = options.fieldManager ?? 'sailctl';
  const signal = options.signal;
  const journal = new Journal();
  const result: InstallResult = { outcome: 'installed', dryRun, created: [], updated: [], unchanged: 0, pruned: [] };
  const phases = phasesOf(set);
  /** Namespaces a dry run would create: objects inside them cannot be dry-run applied yet. */
  const missingNamespaces = new Set<string>();

  const interrupted = (phase: string) => {
    if (signal?.aborted) throw new Stop(phase, 'interrupted');
  };

  const applyOne = async (object: KubeObject, phaseIndex: number, counts: PhaseCounts): Promise<void> => {
    let live = await kube.get(refOf(object));
    if (live?.metadata.deletionTimestamp && !dryRun) {
      // Being deleted (a namespace terminating after an uninstall or rollback): nothing can be created in it
      // until it is gone, so wait for that, then create it anew.
      if (!(await waitUntilGone(kube, refOf(object), { timeoutMs: options.readinessTimeoutMs, signal }))) {
        throw new Error(`${nameOf(object)} is still being deleted`);
      }
      live = undefined;
    }
    if (live && diffObject(object, live, fieldManager).length === 0) {
      counts.unchanged++;
      return;
    }
    if (!dryRun) journal.record({ ref: refOf(object), phase: phaseIndex, ...(live ? { prior: live } : {}) });
    try {
      await kube.apply(object, { dryRun, force: true, fieldManager });
    } catch (err) {
      const ns = object.metadata.namespace;
      if (!(dryRun && ns && missingNamespaces.has(ns) && isNotFound(err))) throw err;
    }
    if (dryRun && !live && object.kind === 'Namespace') missingNamespaces.add(object.metadata.name ?? '');
    (live ? result.updated : result.created).push(nameOf(object));
    if (live) counts.updated++;
    else counts.created++;
  };

  const runPhase = async (phase: Phase, index: number): Promise<void> => {
    observer.phaseStart?.(phase, index, phases.length);
    const counts: PhaseCounts = { created: 0, updated: 0, unchanged: 0 };
    let done = 0;
    try {
      await mapLimit(
        phase.objects,
        concurrency,
        async ({ object }) => {
          await applyOne(object, index, counts);
          observer.phaseUpdate?.(phase, `applied ${++done}/${phase.objects.length}`);
        },
        signal,
      );
    } catch (err) {
      throw new Stop(phase.name, errorText(err), [], err);
    }
    interrupted(phase.name);
    const targets = waitTargets(phase);
    if (!dryRun && targets.length > 0) {
      // A failure while waiting (the connection lost, a 403) stops the run as a failed write does: the same
      // report and rollback as Ctrl-C, instead of escaping past them.
      const waited = await waitUntilReady(
        kube,
        targets.map((t) => refOf(t.object)),
        {
          timeoutMs: options.readinessTimeoutMs,
          signal,
          onPending: (pending) => {
            const first = pending[0];
            if (first) observer.phaseUpdate?.(phase, `waiting for ${nameOf(first.ref)}: ${first.summary}${pending.length > 1 ? ` (+${pending.length - 1} more)` : ''}`);
          },
        },
      ).catch((err: unknown) => {
        throw new Stop(phase.name, errorText(err), [], err);
      });
      interrupted(phase.name);
      if (!waited.ready) {
        const what = phase.wait === 'established' ? 'Established' : 'ready';
        throw new Stop(phase.name, `${phase.name} did not become ${what} within ${Math.round(options.readinessTimeoutMs / 1000)}s`, waited.pending);
      }
    }
    result.unchanged += counts.unchanged;
    observer.phaseDone?.(phase, counts);
  };

  // What this revision had before the run, listed while the phases run (objects the run creates are all in
  // the render, so listing now or at the end finds the same prunable ones). Failures surface at prune time.
  const objects = set.objects.map((o) => o.object);
  const before =
    options.prune === false
      ? undefined
      : listInstalled(kube, revisionSelector(set.install.revision), { kinds: kindsOf(objects), signal }).then(
          (items) => ({ items }),
          (error: unknown) => ({ error }),
        );

  const prunePhase = async (): Promise<void> => {
    const listed = await before;
    if (!listed) return;
    if ('error' in listed) throw listed.error;
    const prunable = selectPrunable(listed.items, objects);
    if (prunable.length === 0) return;
    observer.pruneStart?.(prunable.length);
    await mapLimit(
      prunable,
      concurrency,
      async (o) => {
        if (!dryRun) journal.record({ ref: refOf(o), phase: phases.length, prior: o });
        await kube.delete(refOf(o), { dryRun, propagationPolicy: 'Background' });
        result.pruned.push(nameOf(o));
      },
      signal,
    );
    interrupted('prune');
  };

  try {
    for (const [i, phase] of phases.entries()) {
      interrupted(phase.name);
      await runPhase(phase, i);
    }
    {
      try {
        await prunePhase();
      } catch (err) {
        if (err instanceof Stop) throw err;
        throw new Stop('prune', errorText(err), [], err);
      }
    }
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    const phase = phases.find((p) => p.name === err.phase);
    if (phase) observer.phaseFailed?.(phase, err.message);
    result.outcome = signal?.aborted ? 'interrupted' : 'failed';
    result.failure = { phase: err.phase, message: err.message, pending: err.pending, ...(err.original ? { cause: err.original } : {}) };
    if (options.rollback !== false && !dryRun && journal.size > 0) {
      observer.rollbackStart?.();
      result.rollback = await rollback(kube, journal, { fieldManager });
    }
    return finish(result);
  }
  if (result.created.length + result.updated.length + result.pruned.length === 0) result.outcome = 'unchanged';
  return finish(result);
}

function finish(result: InstallResult): InstallResult {
  result.created.sort();
  result.updated.sort();
  result.pruned.sort();
  return result;
}
