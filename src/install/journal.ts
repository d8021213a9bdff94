/**
 * The rollback journal: before each object is applied (or pruned), what it was. Rolling back walks the
 * journal from the last phase to the first: an object this run created is deleted, an object that existed
 * is put back as it was (its prior state re-applied without server-written fields).
 */
import type { KubeClient, KubeObject, ObjectRef } from '../kube/types.js';
import { mapLimit } from './parallel.js';
import { nameOf, withoutServerFields } from './refs.js';

export interface JournalEntry {
  ref: ObjectRef;
  /** Index of the phase; rollback undoes later phases first. */
  phase: number;
  /** The object before this run touched it; absent when this run created it. */
  prior?: KubeObject;
}

export interface RollbackResult {
  /** Objects this run created and rollback deleted. */
  removed: string[];
  /** Objects put back to their state before the run. */
  restored: string[];
  /** What could not be undone, with the reason. */
  failed: string[];
}

export class Journal {
  private readonly items: JournalEntry[] = [];
  record(entry: JournalEntry): void {
    this.items.push(entry);
  }
  get entries(): readonly JournalEntry[] {
    return this.items;
  }
  get size(): number {
    return this.items.length;
  }
}

export async function rollback(
  kube: KubeClient,
  journal: Journal,
  options: { fieldManager?: string; concurrency?: number } = {},
): Promise<RollbackResult> {
  const result: RollbackResult = { removed: [], restored: [], failed: [] };
  const phases = [...new Set(journal.entries.map((e) => e.phase))].sort((a, b) => b - a);
  for (const phase of phases) {
    const entries = journal.entries.filter((e) => e.phase === phase);
    await mapLimit(entries, options.concurrency ?? 8, async (e) => {
      const name = nameOf(e.ref);
      try {
        if (e.prior) {
          await kube.apply(withoutServerFields(e.prior), { force: true, fieldManager: options.fieldManager });
          result.restored.push(name);
        } else {
          // `not-found`: the write that created it never happened (it failed, or was cut short).
          if ((await kube.delete(e.ref, { propagationPolicy: 'Background' })) === 'deleted') result.removed.push(name);
        }
      } catch (err) {
        result.failed.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  }
  for (const list of [result.removed, result.restored, result.failed]) list.sort();
  return result;
}
