import { describe, expect, it } from 'vitest';
import { annotationProblems, selectorMatches, skipReason } from './policy.js';
import type { InjectorSettings } from './types.js';

const injector = (over: Partial<InjectorSettings> = {}): InjectorSettings => ({
  policy: 'enabled',
  alwaysInjectSelector: [],
  neverInjectSelector: [],
  injectedAnnotations: {},
  defaultTemplates: ['sidecar'],
  templates: {},
  aliases: {},
  ...over,
});
const pod = (over: Partial<Parameters<typeof skipReason>[0]> = {}) => ({ namespace: 'default', labels: {}, annotations: {}, hostNetwork: false, ...over });

describe('skipReason', () => {
  it.each([
    ['injects by default', pod(), injector(), undefined],
    ['skips hostNetwork pods', pod({ hostNetwork: true }), injector(), 'hostNetwork is enabled'],
    ['skips kube-system', pod({ namespace: 'kube-system' }), injector(), 'namespace kube-system is never injected'],
    ['honours the inject annotation', pod({ annotations: { 'sidecar.istio.io/inject': 'false' } }), injector(), 'sidecar.istio.io/inject annotation is "false"'],
    [
      'prefers the label over the annotation',
      pod({ labels: { 'sidecar.istio.io/inject': 'false' }, annotations: { 'sidecar.istio.io/inject': 'true' } }),
      injector(),
      'sidecar.istio.io/inject label is "false"',
    ],
    ['label true beats a disabled policy', pod({ labels: { 'sidecar.istio.io/inject': 'true' } }), injector({ policy: 'disabled' }), undefined],
    ['disabled policy without opt-in', pod(), injector({ policy: 'disabled' }), 'injection policy is disabled and the pod does not opt in'],
    ['neverInjectSelector', pod({ labels: { job: 'batch' } }), injector({ neverInjectSelector: [{ matchLabels: { job: 'batch' } }] }), 'labels match neverInjectSelector'],
    [
      'alwaysInjectSelector beats a disabled policy',
      pod({ labels: { mesh: 'yes' } }),
      injector({ policy: 'disabled', alwaysInjectSelector: [{ matchExpressions: [{ key: 'mesh', operator: 'Exists' }] }] }),
      undefined,
    ],
  ])('%s', (_name, p, i, expected) => {
    expect(skipReason(p, i)).toBe(expected);
  });
});

describe('selectorMatches', () => {
  it('supports In, NotIn, Exists and DoesNotExist; an empty selector matches nothing', () => {
    const labels = { a: '1', b: '2' };
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '3'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'b', operator: 'NotIn', values: ['2'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'c', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(selectorMatches({}, labels)).toBe(false);
  });
});

describe('annotationProblems', () => {
  it('accepts valid values', () => {
    expect(
      annotationProblems({
        'traffic.sidecar.istio.io/includeOutboundIPRanges': '10.0.0.0/8,fd00::/8',
        'traffic.sidecar.istio.io/excludeInboundPorts': '8080, 9090',
        'traffic.sidecar.istio.io/includeInboundPorts': '*',
        'sidecar.istio.io/interceptionMode': 'TPROXY',
      }),
    ).toEqual([]);
  });
  it('names the annotation and the bad value', () => {
    expect(annotationProblems({ 'traffic.sidecar.istio.io/includeOutboundIPRanges': 'bad', 'traffic.sidecar.istio.io/excludeOutboundPorts': '70000' })).toEqual([
      'annotation traffic.sidecar.istio.io/includeOutboundIPRanges: expected "*" or a comma-separated list of CIDRs, got "bad"',
      'annotation traffic.sidecar.istio.io/excludeOutboundPorts: expected a comma-separated list of ports, got "70000"',
    ]);
  });
});
