/** `plan` / `install --plan` output: a summary line and one line per object, field changes under it; or JSON. */
import type { Plan } from '../plan/plan.js';
import type { OutStream } from './io.js';
import { formatJson } from './json.js';

const show = (v: unknown): string => {
  if (v === undefined) return '(unset)';
  const text = JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

/** Multi-line strings (ConfigMap data): the changed lines, not two truncated blobs. */
function lineDiff(before: string, after: string, max = 12): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const lines = [...a.slice(start, endA).map((l) => `- ${l}`), ...b.slice(start, endB).map((l) => `+ ${l}`)];
  const shown = lines.slice(0, max);
  if (lines.length > max) shown.push(`... ${lines.length - max} more changed lines`);
  return [`@@ line ${start + 1} @@`, ...shown];
}

export function planSummary(plan: Plan): string {
  return `Plan: ${plan.create.length} to create, ${plan.change.length} to change, ${plan.prune.length} to prune, ${plan.unchanged} unchanged`;
}

export function formatPlanText(plan: Plan, out: OutStream): string {
  const s = out.style;
  const lines: string[] = [];
  for (const item of plan.create) lines.push(s.green(`+ create ${item.name}`));
  for (const item of plan.change) {
    lines.push(s.yellow(`~ change ${item.name}`));
    for (const c of item.changes ?? []) {
      if (c.before === undefined) lines.push(`    + ${c.path}: ${show(c.after)}`);
      else if (c.after === undefined) lines.push(`    - ${c.path}: ${show(c.before)}`);
      else if (typeof c.before === 'string' && typeof c.after === 'string' && (c.before.includes('\n') || c.after.includes('\n'))) {
        lines.push(`    ~ ${c.path}:`);
        for (const l of lineDiff(c.before, c.after)) lines.push(`        ${l}`);
      } else lines.push(`    ~ ${c.path}: ${show(c.before)} -> ${show(c.after)}`);
    }
  }
  for (const item of plan.prune) lines.push(s.red(`- prune  ${item.name}`));
  lines.push(planSummary(plan));
  return `${lines.join('\n')}\n`;
}

export function formatPlanJson(plan: Plan): string {
  const item = (i: Plan['create'][number]) => ({ ...i.ref, ...(i.component ? { component: i.component } : {}), ...(i.changes ? { changes: i.changes } : {}) });
  return formatJson({
    changes: plan.create.length + plan.change.length + plan.prune.length > 0,
    summary: { create: plan.create.length, change: plan.change.length, prune: plan.prune.length, unchanged: plan.unchanged },
    create: plan.create.map(item),
    change: plan.change.map(item),
    prune: plan.prune.map(item),
  });
}
