/**
 * Checks every policy kind (security, telemetry, extensions) shares: the workload `selector` labels and the
 * kinds `targetRef`/`targetRefs` may point at. The one-of rule between them is a CEL rule (cel-policies.ts).
 */
import type { PathSegment } from '../../resources/types.js';
import { arr, entries, obj, str, type Obj } from './access.js';
import type { SemanticContext } from './index.js';
import { labelKeyError, labelValueError } from './names.js';

type P = PathSegment[];

/** What a policy may target, as istiod allows it: `group/Kind` (core group written as ''). */
export const POLICY_TARGET_KINDS: readonly { group: string; kind: string }[] = [
  { group: 'gateway.networking.k8s.io', kind: 'Gateway' },
  { group: 'gateway.networking.k8s.io', kind: 'GatewayClass' },
  { group: '', kind: 'Service' },
  { group: 'networking.istio.io', kind: 'ServiceEntry' },
];

const canonicalGroup = (g: string | undefined): string => (g === undefined || g === 'core' ? '' : g);
const show = (group: string, kind: string) => (group === '' ? kind : `${group}/${kind}`);

/** Label syntax of `selector.matchLabels` (wildcards and empty keys are the CEL rules' business). */
export function checkMatchLabels(selector: unknown, path: P, ctx: SemanticContext): void {
  for (const [k, v] of entries(obj(selector)?.matchLabels)) {
    if (k === '' || k.includes('*')) continue;
    const e = labelKeyError(k) ?? (typeof v === 'string' && !v.includes('*') ? labelValueError(k, v) : undefined);
    if (e) ctx.report([...path, 'matchLabels', k], e);
  }
}

/** One `targetRef`: a kind istiod supports, in the group that kind belongs to. */
export function checkTargetRef(ref: unknown, path: P, ctx: SemanticContext, policyNamespace: string | undefined): void {
  const r = obj(ref);
  const kind = str(r?.kind);
  if (!r || kind === undefined) return;
  const group = canonicalGroup(str(r.group));
  const sameKind = POLICY_TARGET_KINDS.filter((t) => t.kind === kind);
  if (sameKind.length === 0) {
    ctx.report([...path, 'kind'], `cannot target kind "${kind}"; use one of ${POLICY_TARGET_KINDS.map((t) => show(t.group, t.kind)).join(', ')}`);
    return;
  }
  if (!sameKind.some((t) => t.group === group)) {
    ctx.report([...path, 'group'], `${kind} is in group "${sameKind.map((t) => t.group).join('" or "')}", not "${group}"`);
    return;
  }
  if (kind === 'GatewayClass' && policyNamespace !== undefined && policyNamespace !== 'istio-system') {
    ctx.report([...path, 'kind'], 'a policy targeting a GatewayClass only takes effect in the mesh root namespace (istio-system unless configured otherwise)', 'warning');
  }
}

/** `selector`, `targetRef` and every `targetRefs` entry of `spec`; duplicate references are warned about. */
export function checkTargeting(doc: Obj, spec: Obj, ctx: SemanticContext): void {
  const namespace = str(obj(doc.metadata)?.namespace);
  checkMatchLabels(spec.selector, ['spec', 'selector'], ctx);
  if (spec.targetRef !== undefined) checkTargetRef(spec.targetRef, ['spec', 'targetRef'], ctx, namespace);
  const seen = new Set<string>();
  arr(spec.targetRefs).forEach((ref, i) => {
    checkTargetRef(ref, ['spec', 'targetRefs', i], ctx, namespace);
    const r = obj(ref);
    if (!r) return;
    const id = `${canonicalGroup(str(r.group))}/${str(r.kind)}/${str(r.name)}`;
    if (seen.has(id)) ctx.report(['spec', 'targetRefs', i], `${str(r.kind)} "${str(r.name)}" is listed twice`, 'warning');
    seen.add(id);
  });
}
