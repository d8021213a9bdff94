/**
 * IstioOperator `k8s.overlays`: patches applied to rendered objects by kind and name. A patch path is dotted,
 * with `[N]` for a list index, `[key:value]` for the list element whose `key` equals `value`, `[value]` for
 * the scalar element equal to it, and `\.` for a dot inside a key or value, as Istio reads them
 * (`spec.template.spec.containers.[name:discovery].args.[30m]`). A patch without `value` removes the node.
 * Returns the overlays or patches that matched nothing, for a warning.
 */
import type { KubeObject } from '../../kube/types.js';
import { isTree } from '../merge.js';
import { splitKeys } from '../setflag.js';

type Segment = { key: string } | { index: number } | { match: [string, string] };

export function parsePatchPath(path: string): Segment[] {
  const out: Segment[] = [];
  for (const part of splitKeys(path).filter((p) => p !== '')) {
    for (const raw of part.match(/\[[^\]]*\]|[^[\]]+/g) ?? []) {
      if (raw.startsWith('[')) {
        const inner = raw.slice(1, -1);
        const colon = inner.indexOf(':');
        if (colon > 0) out.push({ match: [inner.slice(0, colon), inner.slice(colon + 1)] });
        else if (/^\d+$/.test(inner)) out.push({ index: Number(inner) });
        else out.push({ key: inner });
      } else out.push({ key: raw });
    }
  }
  return out;
}

function step(container: unknown, seg: Segment): { holder: Record<string, unknown> | unknown[]; at: string | number } | undefined {
  if ('key' in seg) {
    if (isTree(container)) return { holder: container, at: seg.key };
    // `[value]` in a list of scalars: the element equal to it (`args.[30m]`).
    const i = Array.isArray(container) ? container.findIndex((e) => !isTree(e) && String(e) === seg.key) : -1;
    return i >= 0 ? { holder: container as unknown[], at: i } : undefined;
  }
  if (!Array.isArray(container)) return undefined;
  if ('index' in seg) return seg.index < container.length ? { holder: container, at: seg.index } : undefined;
  const i = container.findIndex((e) => isTree(e) && String(e[seg.match[0]]) === seg.match[1]);
  return i >= 0 ? { holder: container, at: i } : undefined;
}

/** Applies one patch in place; false when its path leads nowhere. */
function applyPatch(target: KubeObject, path: string, value: unknown, remove: boolean): boolean {
  const segs = parsePatchPath(path);
  let node: unknown = target;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i] as Segment;
    const last = i === segs.length - 1;
    const found = step(node, seg);
    if (!found) return false;
    const { holder, at } = found;
    if (last) {
      if (remove) {
        if (Array.isArray(holder)) holder.splice(at as number, 1);
        else delete holder[at as string];
      } else (holder as Record<string | number, unknown>)[at] = value;
      return true;
    }
    let next = (holder as Record<string | number, unknown>)[at];
    if (next === undefined && 'key' in seg) {
      next = 'index' in (segs[i + 1] as Segment) ? [] : {};
      (holder as Record<string, unknown>)[at as string] = next;
    }
    node = next;
  }
  return false;
}

export function applyK8sOverlays(objects: readonly KubeObject[], overlays: unknown): string[] {
  const unmatched: string[] = [];
  if (!Array.isArray(overlays)) return unmatched;
  for (const ov of overlays) {
    if (!isTree(ov)) continue;
    const kind = String(ov.kind ?? '');
    const name = String(ov.name ?? '');
    const target = objects.find((o) => o.kind === kind && o.metadata.name === name && (!ov.apiVersion || o.apiVersion === ov.apiVersion));
    if (!target) {
      unmatched.push(`k8s.overlays: no ${kind} ${name} in this component`);
      continue;
    }
    for (const patch of Array.isArray(ov.patches) ? ov.patches : []) {
      if (!isTree(patch) || typeof patch.path !== 'string') continue;
      const remove = !Object.hasOwn(patch, 'value');
      if (!applyPatch(target, patch.path, patch.value, remove)) unmatched.push(`k8s.overlays: path ${patch.path} not found in ${kind} ${name}`);
    }
  }
  return unmatched;
}
