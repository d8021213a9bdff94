/**
 * schema.VirtualServiceRulesAnalyzer: routes an earlier route already catches are never used (IST0130), and a
 * match repeating an earlier one never matches (IST0131). Checked for http, tcp and tls routes.
 */
import { K } from '../kinds.js';
import { arr, isRecord, records, str } from '../fields.js';
import { M } from '../messages/index.js';
import type { AnalysisContext, Analyzer, PathSegment, Resource } from '../types.js';

/** JSON with sorted keys and without `name`, so equal matches compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .filter((k) => k !== 'name')
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function label(item: Record<string, unknown>, index: number): string {
  const name = str(item.name);
  return name ? JSON.stringify(name) : `#${index}`;
}

function checkSection(ctx: AnalysisContext, vs: Resource, section: 'http' | 'tcp' | 'tls'): void {
  const seen = new Map<string, number>();
  let catchAll = -1;
  const routes = records(vs.spec[section]);
  for (const [route, i] of routes) {
    const path: PathSegment[] = ['spec', section, i];
    const matches = records(route.match);
    if (arr(route.match).length === 0) {
      if (catchAll >= 0) {
        ctx.report({
          resource: vs,
          path,
          message: M.VirtualServiceUnreachableRule(label(route, i), 'an earlier route without match already takes every request; only the last route may have no match'),
          related: [{ resource: vs, path: ['spec', section, catchAll], message: 'the earlier route without match' }],
        });
      }
      catchAll = i;
      continue;
    }
    let duplicates = 0;
    for (const [match, j] of matches) {
      const key = canonical(match);
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, i);
        continue;
      }
      duplicates++;
      const earlier = routes.find(([, n]) => n === first)?.[0] ?? {};
      ctx.report({
        resource: vs,
        path: [...path, 'match', j],
        message: M.VirtualServiceIneffectiveMatch(label(route, i), label(match, j), label(earlier, first)),
        related: [{ resource: vs, path: ['spec', section, first], message: 'the earlier route with the same match' }],
      });
    }
    if (matches.length > 0 && duplicates === matches.length) {
      ctx.report({ resource: vs, path, message: M.VirtualServiceUnreachableRule(label(route, i), 'each of its matches is already taken by an earlier route') });
    }
  }
}

export const schemaVirtualServiceRules: Analyzer = {
  meta: {
    name: 'schema.VirtualServiceRulesAnalyzer',
    description: 'Checks VirtualService routes for rules and matches that can never be used',
    inputs: [K.VirtualService],
  },
  analyze(ctx) {
    for (const vs of ctx.all(K.VirtualService)) for (const section of ['http', 'tcp', 'tls'] as const) checkSection(ctx, vs, section);
  },
};
