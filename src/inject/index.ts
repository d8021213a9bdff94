/**
 * kube-inject's pure core: YAML text + InjectConfig -> YAML text + per-workload report. No files, no cluster,
 * no clock. `injectAll` adds (or refreshes) sidecars, `uninjectAll` removes them, `checkAll` only reports
 * which workloads lack a sidecar or carry a stale one.
 */
import { isDeepStrictEqual } from 'node:util';
import { injectPod, statusPortOf } from './pod.js';
import { transformStream } from './stream.js';
import { STATUS_ANNOTATION, stripPod } from './strip.js';
import type { InjectConfig, StreamResult } from './types.js';

export type { InjectConfig, StreamResult, WorkloadReport, WorkloadOutcome, InjectProblem } from './types.js';

function failure(err: unknown): string {
  const e = err as { message?: string };
  return (e.message ?? String(err)).split('\n')[0] ?? 'failed';
}

export function injectAll(text: string, config: InjectConfig): StreamResult {
  return transformStream(text, (workload) => {
    try {
      const r = injectPod(workload.identity, workload.pod, config);
      if (r.kind === 'skipped') return { outcome: { action: 'skipped', reason: r.reason } };
      if (r.kind === 'invalid') return { outcome: { action: 'skipped', reason: 'invalid' }, problems: r.messages };
      return { object: workload.withPod(r.pod), outcome: { action: 'injected' } };
    } catch (err) {
      return { outcome: { action: 'skipped', reason: 'failed' }, problems: [`injection failed: ${failure(err)}`] };
    }
  });
}

export function uninjectAll(text: string, config: InjectConfig): StreamResult {
  return transformStream(text, (workload) => {
    const annotations = (workload.pod.metadata.annotations ?? {}) as Record<string, string>;
    const stripped = stripPod(workload.pod.metadata, workload.pod.spec, statusPortOf(annotations, config), true);
    if (!stripped) return { outcome: { action: 'unchanged', reason: 'no sidecar' } };
    return { object: workload.withPod({ metadata: stripped.metadata, spec: stripped.spec }), outcome: { action: 'uninjected' } };
  });
}

/** Reports only: `missing` (would be injected but has no sidecar) or `stale` (re-injecting would change it). */
export function checkAll(text: string, config: InjectConfig): StreamResult {
  const result = transformStream(text, (workload) => {
    try {
      const r = injectPod(workload.identity, workload.pod, config);
      if (r.kind === 'skipped') return { outcome: { action: 'skipped', reason: r.reason } };
      if (r.kind === 'invalid') return { outcome: { action: 'skipped', reason: 'invalid' }, problems: r.messages };
      const annotations = (workload.pod.metadata.annotations ?? {}) as Record<string, string>;
      if (annotations[STATUS_ANNOTATION] === undefined) return { outcome: { action: 'missing', reason: 'no sidecar' } };
      const current = isDeepStrictEqual(r.pod.metadata, workload.pod.metadata) && isDeepStrictEqual(r.pod.spec, workload.pod.spec);
      return { outcome: current ? { action: 'current' } : { action: 'stale', reason: 'sidecar differs from what injection gives now' } };
    } catch (err) {
      return { outcome: { action: 'skipped', reason: 'failed' }, problems: [`injection failed: ${failure(err)}`] };
    }
  });
  return { ...result, text: '' };
}
