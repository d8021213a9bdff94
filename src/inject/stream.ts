/**
 * YAML streams in and out: documents are located with the yaml parser's ranges; documents that are not
 * changed are copied byte for byte (comments, quoting and spacing included), changed ones are re-emitted
 * with their keys in the original order. `kind: List` items are handled one by one.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import { emitYaml } from './emit.js';
import type { InjectProblem, StreamResult, WorkloadOutcome, WorkloadReport } from './types.js';
import { asWorkload, type Workload } from './workloads.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What a transform does with one workload: a new object (or undefined: unchanged) and the report outcome. */
export type WorkloadTransform = (workload: Workload) => { object?: Obj; outcome: WorkloadOutcome; problems?: string[] };

export function transformStream(text: string, transform: WorkloadTransform): StreamResult {
  const lc = new LineCounter();
  const reports: WorkloadReport[] = [];
  const problems: InjectProblem[] = [];
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    for (const e of doc.errors) {
      const p = lc.linePos(e.pos[0]);
      problems.push({ line: p.line, col: p.col, message: e.message.split('\n')[0] ?? 'invalid YAML' });
    }
  }
  if (problems.length > 0) return { text: '', reports, problems };

  const pieces: string[] = [];
  let copied = 0;
  for (const doc of list) {
    const contents = doc.contents;
    if (!contents || !contents.range) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      const p = lc.linePos(contents.range[0]);
      problems.push({ line: p.line, col: p.col, message: (err as Error).message });
      continue;
    }
    if (!isObject(value)) continue;
    const at = lc.linePos(contents.range[0]);
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
        const pos = itemPosition(doc, i, lc) ?? at;
        const out = handle(item, pos.line, pos.col);
        if (out) changed = true;
        return out ?? item;
      });
      if (changed) replaced = { ...value, items: newItems };
    } else {
      replaced = handle(value, at.line, at.col);
    }
    if (replaced) {
      pieces.push(text.slice(copied, contents.range[0]), emitYaml(replaced));
      copied = contents.range[2];
    }
  }
  if (problems.length > 0) return { text: '', reports, problems };
  pieces.push(text.slice(copied));
  return { text: pieces.join(''), reports, problems };
}

function itemPosition(doc: ReturnType<typeof parseAllDocuments>[number], index: number, lc: LineCounter): { line: number; col: number } | undefined {
  const items = doc.get('items', true) as { items?: Array<{ range?: [number, number, number] }> } | undefined;
  const range = items?.items?.[index]?.range;
  return range ? lc.linePos(range[0]) : undefined;
}
