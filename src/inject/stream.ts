/**
 * YAML streams in and out: documents are located with the yaml parser's ranges; documents that are not
 * changed are copied byte for byte (comments, quoting and spacing included), changed ones are re-emitted
 * with their keys in the original order. `kind: List` items are handled one by one.
 */
import { splitDocuments } from './documents.js';
import { emitYaml } from './emit.js';
import type { StreamResult, WorkloadOutcome, WorkloadReport } from './types.js';
import type { FullYaml } from './yaml-port.js';
import { asWorkload, type Workload } from './workloads.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What a transform does with one workload: a new object (or undefined: unchanged) and the report outcome. */
export type WorkloadTransform = (workload: Workload) => { object?: Obj; outcome: WorkloadOutcome; problems?: string[] };

export function transformStream(text: string, transform: WorkloadTransform, options: { fast?: boolean; yaml?: FullYaml } = {}): StreamResult {
  const reports: WorkloadReport[] = [];
  const { docs, problems } = splitDocuments(text, options);
  if (problems.length > 0) return { text: '', reports, problems };

  const pieces: string[] = [];
  let copied = 0;
  for (const doc of docs) {
    const value = doc.value;
    if (!isObject(value)) continue;
    const handle = (object: Obj, line: number, col: number): Obj | undefined => {
      const workload = asWorkload(object);
      if (!workload) return undefined;
      const meta = workload.identity.metadata;
      const result = transform(workload);
      const report: WorkloadReport = { kind: workload.identity.kind, name: String(meta.name ?? meta.generateName ?? ''), line, col, outcome: result.outcome };
      if (typeof meta.namespace === 'string') report.namespace = meta.namespace;
      reports.push(report);
      for (const m of result.problems ?? []) problems.push({ line, col, message: `${report.kind} ${report.name}: ${m}` });
      return result.object;
    };
    let replaced: Obj | undefined;
    if (value.kind === 'List' || (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items))) {
      const items = Array.isArray(value.items) ? value.items : [];
      let changed = false;
      const newItems = items.map((item, i) => {
        if (!isObject(item)) return item;
        const pos = doc.itemAt(i) ?? doc.at;
        const out = handle(item, pos.line, pos.col);
        if (out) changed = true;
        return out ?? item;
      });
      if (changed) replaced = { ...value, items: newItems };
    } else {
      replaced = handle(value, doc.at.line, doc.at.col);
    }
    if (replaced) {
      pieces.push(text.slice(copied, doc.start), emitYaml(replaced));
      copied = doc.end;
    }
  }
  if (problems.length > 0) return { text: '', reports, problems };
  pieces.push(text.slice(copied));
  return { text: pieces.join(''), reports, problems };
}
