/** Kubernetes label selectors: `matchLabels` + `matchExpressions`, and `k=v,k2` strings for messages. */
import { arr, rec, str, stringMap } from './fields.js';

export interface Selector {
  matchLabels: Record<string, string>;
  expressions: Array<{ key: string; operator: string; values: string[] }>;
}

/** From a LabelSelector object (`{matchLabels, matchExpressions}`). */
export function parseSelector(value: unknown): Selector {
  const v = rec(value);
  return {
    matchLabels: stringMap(v.matchLabels),
    expressions: arr(v.matchExpressions).flatMap((e) => {
      const key = str(rec(e).key);
      const operator = str(rec(e).operator);
      if (!key || !operator) return [];
      return [{ key, operator, values: arr(rec(e).values).filter((x): x is string => typeof x === 'string') }];
    }),
  };
}

/** From a plain label map (a Service selector, a workloadSelector's labels). */
export function selectorOfLabels(labels: Readonly<Record<string, string>>): Selector {
  return { matchLabels: { ...labels }, expressions: [] };
}

export function matches(selector: Selector, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  for (const e of selector.expressions) {
    const has = Object.hasOwn(labels, e.key);
    const value = labels[e.key];
    switch (e.operator) {
      case 'In':
        if (!has || !e.values.includes(value as string)) return false;
        break;
      case 'NotIn':
        if (has && e.values.includes(value as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function isEmptySelector(selector: Selector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.expressions.length === 0;
}

/** `app=reviews,version=v1`, keys sorted. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}
