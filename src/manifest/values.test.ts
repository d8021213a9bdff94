import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { DEFAULT_HUB, DEFAULT_TAG } from '../release.js';
import { getPath, overlay } from './merge.js';
import { profileSpec } from './profiles.js';
import { applySet, parseSet, parseSetPath } from './setflag.js';
import { resolveInstall } from './values.js';

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('overlay', () => {
  it('merges maps, replaces lists and scalars, and leaves its inputs alone', () => {
    const base = { a: { b: 1, c: [1, 2] }, d: 'x' };
    const over = { a: { c: [3], e: true }, d: 'y' };
    expect(overlay(base, over)).toEqual({ a: { b: 1, c: [3], e: true }, d: 'y' });
    expect(base).toEqual({ a: { b: 1, c: [1, 2] }, d: 'x' });
  });
});

describe('--set paths', () => {
  it.each([
    ['values.global.hub', ['values', 'global', 'hub']],
    ['spec.values.global.hub', ['values', 'global', 'hub']],
    ['components.ingressGateways[0].enabled', ['components', 'ingressGateways', 0, 'enabled']],
    ['components.ingressGateways[name:istio-ingressgateway].k8s.replicaCount', ['components', 'ingressGateways', { key: 'name', value: 'istio-ingressgateway' }, 'k8s', 'replicaCount']],
    ['values.pilot.podAnnotations.prometheus\\.io/scrape', ['values', 'pilot', 'podAnnotations', 'prometheus.io/scrape']],
  ])('%s', (path, expected) => {
    expect(parseSetPath(path)).toEqual(expected);
  });

  it.each(['a..b', 'a[x]', ''])('rejects %j', (path) => {
    expect(() => parseSetPath(path)).toThrow(InputError);
  });
});

describe('--set values', () => {
  it.each([
    ['values.global.logAsJson=true', true],
    ['values.pilot.replicaCount=3', 3],
    ['values.pilot.traceSampling=0.5', 0.5],
    ['values.global.hub=127.0.0.1:5000', '127.0.0.1:5000'],
    ['values.pilot.env.PILOT_ENABLE_AMBIENT=true', 'true'],
    ['values.pilot.env.FOO=bar', 'bar'],
    ['meshConfig.accessLogFile=/dev/stdout', '/dev/stdout'],
    ['tag=1.24', '1.24'],
    ['unvalidatedValues.x=[1,2]', [1, 2]],
  ])('%s is typed by the schema', (flag, expected) => {
    expect(parseSet(flag).assignment.value).toEqual(expected);
  });

  it('names an unknown path and suggests the near field', () => {
    const err = inputError(() => parseSet('values.global.proxyy.foo=1'));
    expect(err.message).toContain('unknown field "values.global.proxyy"');
    expect(err.details.join('\n')).toContain('did you mean "proxy"?');
  });

  it('--force turns an unknown path into a warning', () => {
    const { assignment, warning } = parseSet('values.global.proxyy.foo=1', true);
    expect(warning).toContain('values.global.proxyy');
    expect(assignment.value).toBe(1);
  });

  it.each(['values.global.logAsJson=yes', 'values.pilot.replicaCount=two', 'values.global.hub'])('rejects %s', (flag) => {
    expect(() => parseSet(flag)).toThrow(InputError);
  });

  it('selects list items by field and appends unknown ones', () => {
    const tree = { components: { ingressGateways: [{ name: 'a', enabled: true }] } };
    applySet(tree, parseSet('components.ingressGateways[name:a].enabled=false').assignment);
    applySet(tree, parseSet('components.ingressGateways[name:b].enabled=true').assignment);
    expect(tree.components.ingressGateways).toEqual([
      { name: 'a', enabled: false },
      { name: 'b', enabled: true },
    ]);
    expect(() => applySet(tree, parseSet('components.ingressGateways[5].enabled=true').assignment)).toThrow(/past the end/);
  });
});

const iop = (spec: string, name = 'my-iop') => `apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

describe('resolveInstall', () => {
  it('default: released images, istio-system, base+pilot+ingress', () => {
    const r = resolveInstall({});
    expect([r.profile, r.revision, r.namespace, r.hub, r.tag]).toEqual(['default', '', 'istio-system', DEFAULT_HUB, DEFAULT_TAG]);
    expect([r.components.base, r.components.pilot, r.components.cni, r.components.ztunnel]).toEqual([true, true, false, false]);
    expect(r.components.ingressGateways.map((g) => [g.name, g.enabled])).toEqual([['istio-ingressgateway', true]]);
    expect(r.components.egressGateways.map((g) => [g.name, g.enabled])).toEqual([['istio-egressgateway', false]]);
    expect(r.owner).toBe('installed-state');
    expect(r.warnings).toEqual([]);
  });

  it('the profile file of default states the released hub and tag of src/release.ts', () => {
    expect([profileSpec('default').hub, profileSpec('default').tag]).toEqual([DEFAULT_HUB, DEFAULT_TAG]);
  });

  it('profile precedence: file < --profile < --set profile=', () => {
    const file = { source: 'a.yaml', text: iop('  profile: minimal\n') };
    expect(resolveInstall({ overlays: [file] }).profile).toBe('minimal');
    expect(resolveInstall({ overlays: [file], profile: 'demo' }).profile).toBe('demo');
    expect(resolveInstall({ overlays: [file], profile: 'demo', set: ['profile=ambient'] }).profile).toBe('ambient');
  });

  it('an unknown profile lists the available ones', () => {
    const err = inputError(() => resolveInstall({ profile: 'nope' }));
    expect(err.message).toContain('unknown profile "nope"');
    expect(err.details.join()).toContain('default');
  });

  it('files overlay left to right, then --set', () => {
    const r = resolveInstall({
      overlays: [
        { source: 'a.yaml', text: iop('  values:\n    pilot:\n      replicaCount: 2\n      env: {A: "1"}\n') },
        { source: 'b.yaml', text: iop('  values:\n    pilot:\n      env: {B: "2"}\n', 'second') },
      ],
      set: ['values.pilot.replicaCount=4', 'meshConfig.accessLogFile=/dev/stdout'],
    });
    expect(getPath(r.values, ['pilot', 'replicaCount'])).toBe(4);
    expect(getPath(r.values, ['pilot', 'env'])).toEqual({ A: '1', B: '2' });
    expect(r.meshConfig.accessLogFile).toBe('/dev/stdout');
    expect(r.owner).toBe('second');
  });

  it('an unknown field in a file is an error at its file:line:col', () => {
    const text = iop('  values:\n    global:\n      proxyy:\n        foo: 1\n');
    const err = inputError(() => resolveInstall({ overlays: [{ source: 'bad.yaml', text }] }));
    expect(err.message).toBe('bad.yaml:8:7: unknown field "values.global.proxyy"');
    const forced = resolveInstall({ overlays: [{ source: 'bad.yaml', text }], force: true });
    expect(forced.warnings).toContain('bad.yaml:8:7: unknown field "values.global.proxyy"');
  });

  it('a wrong type in a file names the field and position', () => {
    const err = inputError(() => resolveInstall({ overlays: [{ source: 't.yaml', text: iop('  values:\n    pilot:\n      autoscaleEnabled: sometimes\n') }] }));
    expect(err.message).toMatch(/^t\.yaml:8:7: values\.pilot\.autoscaleEnabled must be true or false/);
  });

  it.each([
    ['broken YAML', 'a: [1,\n', /^x\.yaml:\d+:\d+: /],
    ['not an IstioOperator', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n', /^x\.yaml:1:1: expected an IstioOperator/],
  ])('%s is an InputError with a position', (_, text, pattern) => {
    expect(inputError(() => resolveInstall({ overlays: [{ source: 'x.yaml', text }] })).message).toMatch(pattern);
  });

  it('revision: from -r or spec.revision; "default" is the default revision; bad names are rejected', () => {
    expect(resolveInstall({ revision: 'canary' }).revision).toBe('canary');
    expect(resolveInstall({ set: ['revision=1-24-0'] }).revision).toBe('1-24-0');
    expect(resolveInstall({ revision: 'default' }).revision).toBe('');
    expect(() => resolveInstall({ revision: 'Bad_Name' })).toThrow(InputError);
    expect(resolveInstall({ revision: 'canary' }).meshConfig.defaultConfig).toEqual({ discoveryAddress: 'istiod-canary.istio-system.svc:15012' });
  });

  it('hub and tag: --set hub/tag, values.global.hub wins over spec.hub', () => {
    const r = resolveInstall({ set: ['hub=my.registry/istio', 'tag=1.24.0'] });
    expect([r.hub, r.tag, getPath(r.values, ['global', 'hub'])]).toEqual(['my.registry/istio', '1.24.0', 'my.registry/istio']);
    expect(resolveInstall({ set: ['hub=a', 'values.global.hub=b'] }).hub).toBe('b');
  });

  it('components and gateways can be switched by --set, with list selectors', () => {
    const r = resolveInstall({ set: ['components.ingressGateways[name:istio-ingressgateway].enabled=false', 'components.cni.enabled=true'] });
    expect(r.components.ingressGateways[0]?.enabled).toBe(false);
    expect(r.components.cni).toBe(true);
    expect(getPath(r.values, ['pilot', 'cni', 'enabled'])).toBe(true);
  });

  it('the namespace follows spec.namespace / values.global.istioNamespace', () => {
    expect(resolveInstall({ set: ['values.global.istioNamespace=mesh'] }).namespace).toBe('mesh');
    expect(resolveInstall({ set: ['namespace=other'] }).namespace).toBe('other');
  });

  it('is pure: the same input twice gives equal results, and embedded profiles are not modified', () => {
    const before = JSON.stringify(profileSpec('demo'));
    const a = resolveInstall({ profile: 'demo', set: ['values.pilot.env.X=1'] });
    const b = resolveInstall({ profile: 'demo', set: ['values.pilot.env.X=1'] });
    expect(a).toEqual(b);
    expect(JSON.stringify(profileSpec('demo'))).toBe(before);
  });
});
