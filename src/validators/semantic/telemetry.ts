/**
 * Semantic checks of telemetry.istio.io Telemetry: provider lists, custom span tags, metric tag overrides and
 * access log filters (their CEL expressions must at least be well formed), what istiod warns about.
 */
import type { PathSegment } from '../../resources/types.js';
import { arr, entries, obj, str, type Obj } from './access.js';
import { celSyntaxError } from './cel-syntax.js';
import type { SemanticCheck, SemanticContext } from './index.js';
import { checkTargeting } from './policy-target.js';

type P = PathSegment[];

const TAG_SOURCES = ['literal', 'environment', 'header', 'formatter'] as const;

function checkProviders(list: unknown, path: P, ctx: SemanticContext): void {
  const seen = new Set<string>();
  arr(list).forEach((p, i) => {
    const name = str(obj(p)?.name);
    if (name === undefined) return;
    if (name.trim() === '') ctx.report([...path, i, 'name'], 'provider name must not be blank');
    else if (seen.has(name)) ctx.report([...path, i, 'name'], `provider "${name}" is listed twice`, 'warning');
    seen.add(name);
  });
}

function checkExpression(value: unknown, path: P, what: string, ctx: SemanticContext): void {
  if (typeof value !== 'string') return;
  const e = celSyntaxError(value);
  if (e) ctx.report(path, `${what} is not a valid CEL expression: ${e}`);
}

function checkTracing(tracing: Obj, path: P, ctx: SemanticContext): void {
  checkProviders(tracing.providers, [...path, 'providers'], ctx);
  if (arr(tracing.providers).length > 1) ctx.report([...path, 'providers'], 'only one tracing provider is supported; the others are ignored', 'warning');
  for (const [name, t] of entries(tracing.customTags)) {
    const tag = obj(t);
    const at: P = [...path, 'customTags', name];
    if (name.trim() === '') ctx.report(at, 'tag name must not be empty');
    if (!tag) continue;
    if (!TAG_SOURCES.some((s) => tag[s] !== undefined && tag[s] !== null)) ctx.report(at, `tag "${name}" needs one of ${TAG_SOURCES.join(', ')}`);
  }
}

function checkMetrics(metrics: Obj, path: P, ctx: SemanticContext): void {
  checkProviders(metrics.providers, [...path, 'providers'], ctx);
  arr(metrics.overrides).forEach((o, i) => {
    const override = obj(o);
    if (!override) return;
    const at: P = [...path, 'overrides', i];
    const custom = str(obj(override.match)?.customMetric);
    if (custom !== undefined && custom.trim() === '') ctx.report([...at, 'match', 'customMetric'], 'customMetric must not be blank');
    for (const [tag, t] of entries(override.tagOverrides)) {
      const tagPath: P = [...at, 'tagOverrides', tag];
      if (tag.trim() === '') ctx.report(tagPath, 'tag name must not be empty');
      const value = obj(t)?.value;
      const operation = str(obj(t)?.operation) ?? 'UPSERT';
      if (operation === 'UPSERT' && typeof value === 'string' && value !== '') checkExpression(value, [...tagPath, 'value'], `the value of tag "${tag}"`, ctx);
      if (obj(t)?.operation === undefined && (value === undefined || value === '')) ctx.report(tagPath, `tag "${tag}" needs a value (operation defaults to UPSERT)`);
    }
  });
}

function checkAccessLogging(logging: Obj, path: P, ctx: SemanticContext): void {
  checkProviders(logging.providers, [...path, 'providers'], ctx);
  const filter = obj(logging.filter);
  if (!filter) return;
  if (filter.expression === undefined || filter.expression === null) ctx.report([...path, 'filter'], 'filter needs an expression');
  else checkExpression(filter.expression, [...path, 'filter', 'expression'], 'filter.expression', ctx);
}

export const checkTelemetry: SemanticCheck = (doc, ctx) => {
  const spec = obj(doc.spec);
  if (!spec) return;
  checkTargeting(doc, spec, ctx);
  const tracing = arr(spec.tracing);
  if (tracing.length > 1) ctx.report(['spec', 'tracing'], 'only one tracing entry is supported; the others are ignored', 'warning');
  tracing.forEach((t, i) => {
    const o = obj(t);
    if (o) checkTracing(o, ['spec', 'tracing', i], ctx);
  });
  arr(spec.metrics).forEach((m, i) => {
    const o = obj(m);
    if (o) checkMetrics(o, ['spec', 'metrics', i], ctx);
  });
  arr(spec.accessLogging).forEach((l, i) => {
    const o = obj(l);
    if (o) checkAccessLogging(o, ['spec', 'accessLogging', i], ctx);
  });
};

export const checks: Readonly<Record<string, SemanticCheck>> = { Telemetry: checkTelemetry };
