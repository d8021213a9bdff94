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
import { NeedsFullYaml, type FullYaml } from './yaml-port.js';

export type { InjectConfig, StreamResult, WorkloadReport, WorkloadOutcome, InjectProblem } from './types.js';
export { withFullYamlIfNeeded, type FullYaml } from './yaml-port.js';

function failure(err: unknown): string {
  if (err instanceof NeedsFullYaml) throw err; // not a failure: the caller runs again with the full parser
  const e = err as { message?: string };
  return (e.message ?? String(err)).split('\n')[0] ?? 'failed';
}

/** `yaml`: the full YAML parser, needed only for inputs fastyaml cannot read (else NeedsFullYaml is thrown). */
export function injectAll(text: string, config: InjectConfig, yaml?: FullYaml): StreamResult {
  return transformStream(text, (workload) => {
    try {
      const r = injectPod(workload.identity, workload.pod, config, yaml);
      if (r.kind === 'skipped') return { outcome: { action: 'skipped', reason: r.reason } };
      if (r.kind === 'invalid') return { outcome: { action: 'skipped', reason: 'invalid' }, problems: r.messages };
      return { object: workload.withPod(r.pod), outcome: { action: 'injected' } };
    } catch (err) {
      return { outcome: { action: 'skipped', reason: 'failed' }, problems: [`injection failed: ${failure(err)}`] };
    }
  }, { yaml });
}

/** The traffic annotations the template's CNI branch writes when the pod sets none. */
function cniDefaults(config: InjectConfig, statusPort: number): Record<string, string> {
  const global = (config.values.global ?? {}) as Record<string, unknown>;
  const p = (global.proxy ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const excluded = str(p.excludeInboundPorts);
  const withStatus = statusPort === 0 || excluded.split(',').map((x) => x.trim()).includes(String(statusPort)) ? excluded : [excluded, String(statusPort)].filter(Boolean).join(',');
  const mode = ((config.meshConfig.defaultConfig ?? {}) as Record<string, unknown>).interceptionMode;
  return {
    'sidecar.istio.io/interceptionMode': str(mode ?? 'REDIRECT'),
    'traffic.sidecar.istio.io/includeOutboundIPRanges': str(p.includeIPRanges),
    'traffic.sidecar.istio.io/excludeOutboundIPRanges': str(p.excludeIPRanges),
    'traffic.sidecar.istio.io/includeInboundPorts': str(p.includeInboundPorts),
    'traffic.sidecar.istio.io/excludeInboundPorts': withStatus,
    'traffic.sidecar.istio.io/includeOutboundPorts': str(p.includeOutboundPorts),
    'traffic.sidecar.istio.io/excludeOutboundPorts': str(p.excludeOutboundPorts),
  };
}

export function uninjectAll(text: string, config: InjectConfig, yaml?: FullYaml): StreamResult {
  return transformStream(text, (workload) => {
    const annotations = (workload.pod.metadata.annotations ?? {}) as Record<string, string>;
    const statusPort = statusPortOf(annotations, config);
    const stripped = stripPod(workload.pod.metadata, workload.pod.spec, statusPort, true, cniDefaults(config, statusPort));
    if (!stripped) return { outcome: { action: 'unchanged', reason: 'no sidecar' } };
    return { object: workload.withPod({ metadata: stripped.metadata, spec: stripped.spec }), outcome: { action: 'uninjected' } };
  }, { yaml });
}

/** Reports only: `missing` (would be injected but has no sidecar) or `stale` (re-injecting would change it). */
export function checkAll(text: string, config: InjectConfig, yaml?: FullYaml): StreamResult {
  const result = transformStream(text, (workload) => {
    try {
      const r = injectPod(workload.identity, workload.pod, config, yaml);
      if (r.kind === 'skipped') return { outcome: { action: 'skipped', reason: r.reason } };
      if (r.kind === 'invalid') return { outcome: { action: 'skipped', reason: 'invalid' }, problems: r.messages };
      const annotations = (workload.pod.metadata.annotations ?? {}) as Record<string, string>;
      if (annotations[STATUS_ANNOTATION] === undefined) return { outcome: { action: 'missing', reason: 'no sidecar' } };
      const current = isDeepStrictEqual(r.pod.metadata, workload.pod.metadata) && isDeepStrictEqual(r.pod.spec, workload.pod.spec);
      return { outcome: current ? { action: 'current' } : { action: 'stale', reason: 'sidecar differs from what injection gives now' } };
    } catch (err) {
      return { outcome: { action: 'skipped', reason: 'failed' }, problems: [`injection failed: ${failure(err)}`] };
    }
  }, { yaml });
  return { ...result, text: '' };
}
