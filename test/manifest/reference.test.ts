/**
 * Fidelity against upstream Istio (facts only, read in tests): sailctl's render of the input Istio used for its
 * istiod golden must have the same objects, containers, ports, env var names, volumes, ConfigMap keys and
 * webhooks; and sailctl's profiles must enable the same components and set the same values as Istio's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../src/kube/types.js';
import { getPath, isTree } from '../../src/manifest/merge.js';
import { profileNames, profileSpec } from '../../src/manifest/profiles.js';
import { render } from '../../src/manifest/render.js';
import { resolveInstall } from '../../src/manifest/values.js';

const ref = join(import.meta.dirname, '..', '..', '..', 'shared', 'reference', 'istio');
if (!existsSync(ref)) console.warn(`skipping upstream fidelity tests: ${ref} is absent`);

type Obj = KubeObject & Record<string, any>;
const key = (o: KubeObject) => `${o.kind}/${o.metadata.name}`;
const names = (list: unknown): string[] => (Array.isArray(list) ? list.map((x) => String((x as { name?: string }).name)) : []);

describe.skipIf(!existsSync(ref))('istiod render vs upstream manifest/pilot_default', () => {
  const dir = join(ref, 'manifest');
  // Read only when the reference exists: a skipped describe still runs its body to collect the tests.
  const read = (name: string) => (existsSync(ref) ? readFileSync(join(dir, name), 'utf8') : '');
  const upstream = parseAllDocuments(read('pilot_default.golden.yaml'))
    .map((d) => d.toJS() as Obj | null)
    .filter((o): o is Obj => o !== null);
  const set = render(resolveInstall({ overlays: [{ source: 'pilot_default.input.yaml', text: read('pilot_default.input.yaml') }] }));
  const ours = set.objects.map((o) => o.object as Obj).filter((o) => o.kind !== 'Namespace');
  const find = (list: Obj[], kind: string, name: string) => {
    const o = list.find((x) => x.kind === kind && x.metadata.name === name);
    if (!o) throw new Error(`${kind}/${name} missing`);
    return o;
  };

  it('renders the same set of kinds and names', () => {
    expect(ours.map(key).sort()).toEqual(upstream.map(key).sort());
  });

  it('istiod Deployment: same containers, image, args, ports, env var names, probes, volumes and mounts', () => {
    const a = find(ours, 'Deployment', 'istiod').spec.template.spec;
    const b = find(upstream, 'Deployment', 'istiod').spec.template.spec;
    expect(names(a.containers)).toEqual(names(b.containers));
    const [ca, cb] = [a.containers[0], b.containers[0]];
    expect(ca.image).toBe(cb.image);
    expect(ca.args).toEqual(cb.args);
    expect(ca.ports).toEqual(cb.ports);
    expect(names(ca.env)).toEqual(names(cb.env));
    expect(ca.env).toEqual(cb.env);
    expect(ca.readinessProbe).toEqual(cb.readinessProbe);
    expect(ca.securityContext).toEqual(cb.securityContext);
    expect(ca.volumeMounts).toEqual(cb.volumeMounts);
    expect(a.volumes).toEqual(b.volumes);
    expect(a.serviceAccountName).toBe(b.serviceAccountName);
    expect(a.tolerations).toEqual(b.tolerations);
    const [da, db] = [find(ours, 'Deployment', 'istiod').spec, find(upstream, 'Deployment', 'istiod').spec];
    expect(da.selector).toEqual(db.selector);
    expect(da.strategy).toEqual(db.strategy);
    expect(da.template.metadata.annotations).toEqual(db.template.metadata.annotations);
    for (const label of ['app', 'istio', 'istio.io/rev', 'istio.io/dataplane-mode', 'sidecar.istio.io/inject', 'operator.istio.io/component']) {
      expect(da.template.metadata.labels[label], label).toBe(db.template.metadata.labels[label]);
    }
  });

  it('Service, HPA, RBAC rules match', () => {
    expect(find(ours, 'Service', 'istiod').spec).toEqual(find(upstream, 'Service', 'istiod').spec);
    expect(find(ours, 'HorizontalPodAutoscaler', 'istiod').spec).toEqual(find(upstream, 'HorizontalPodAutoscaler', 'istiod').spec);
    for (const o of upstream.filter((x) => ['ClusterRole', 'Role'].includes(x.kind))) {
      expect(find(ours, o.kind, o.metadata.name as string).rules, key(o)).toEqual(o.rules);
    }
    for (const o of upstream.filter((x) => ['ClusterRoleBinding', 'RoleBinding'].includes(x.kind))) {
      const mine = find(ours, o.kind, o.metadata.name as string);
      expect([mine.roleRef, mine.subjects], key(o)).toEqual([o.roleRef, o.subjects]);
    }
  });

  it('ConfigMaps: same keys, same mesh config, same injector template names and values', () => {
    for (const name of ['istio', 'istio-sidecar-injector']) {
      expect(Object.keys(find(ours, 'ConfigMap', name).data).sort(), name).toEqual(Object.keys(find(upstream, 'ConfigMap', name).data).sort());
    }
    expect(parse(find(ours, 'ConfigMap', 'istio').data.mesh)).toEqual(parse(find(upstream, 'ConfigMap', 'istio').data.mesh));
    const injA = parse(find(ours, 'ConfigMap', 'istio-sidecar-injector').data.config);
    const injB = parse(find(upstream, 'ConfigMap', 'istio-sidecar-injector').data.config);
    // `template` is Istio's legacy single-template sentinel, unused by istiod when `templates` is set.
    expect(Object.keys(injA).sort()).toEqual(Object.keys(injB).filter((k) => k !== 'template').sort());
    expect([injA.defaultTemplates, injA.policy]).toEqual([injB.defaultTemplates, injB.policy]);
    // sailctl's templates are its own; the template names are the contract pods (and istiod's gateway
    // deployment controller: waypoint, kube-gateway, agentgateway) select with.
    expect(Object.keys(injA.templates).sort()).toEqual(Object.keys(injB.templates).sort());
    const valuesA = JSON.parse(find(ours, 'ConfigMap', 'istio-sidecar-injector').data.values);
    const valuesB = JSON.parse(find(upstream, 'ConfigMap', 'istio-sidecar-injector').data.values);
    expect(valuesA).toEqual(valuesB);
  });

  it('webhooks: same names, rules, selectors and service paths', () => {
    for (const kind of ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']) {
      for (const o of upstream.filter((x) => x.kind === kind)) {
        const mine = find(ours, kind, o.metadata.name as string);
        expect(names(mine.webhooks)).toEqual(names(o.webhooks));
        for (const [i, w] of (o.webhooks as Obj[]).entries()) {
          const m = mine.webhooks[i];
          expect([m.clientConfig, m.rules, m.namespaceSelector, m.objectSelector, m.sideEffects, m.failurePolicy], w.name).toEqual([
            w.clientConfig,
            w.rules,
            w.namespaceSelector,
            w.objectSelector,
            w.sideEffects,
            w.failurePolicy,
          ]);
        }
      }
    }
  });

  it('labels Istio sets for install tracking are on every control-plane object that carries them upstream', () => {
    for (const o of upstream) {
      const mine = find(ours, o.kind, o.metadata.name as string);
      for (const label of ['istio.io/rev', 'operator.istio.io/component']) {
        if (o.metadata.labels?.[label] !== undefined) expect(mine.metadata.labels?.[label], `${key(o)} ${label}`).toBe(o.metadata.labels[label]);
      }
      expect(mine.metadata.labels?.['install.operator.istio.io/owning-resource']).toBe('installed-state');
    }
  });
});

describe.skipIf(!existsSync(ref))('profiles vs upstream profiles/ and helm-profiles/', () => {
  const upstreamProfile = (name: string): Record<string, unknown> => {
    const spec = (parse(readFileSync(join(ref, 'profiles', `${name}.yaml`), 'utf8')) as { spec: Record<string, unknown> }).spec;
    return spec;
  };
  const enabled = (spec: unknown, component: string) => getPath(spec, ['components', component, 'enabled']) === true;
  const gatewaysEnabled = (spec: unknown, list: string) =>
    ((getPath(spec, ['components', list]) as Array<{ name: string; enabled?: boolean }> | undefined) ?? []).filter((g) => g.enabled).map((g) => g.name);

  it('has exactly the upstream profile names (besides platform-specific openshift ones)', () => {
    expect(profileNames()).toEqual(['ambient', 'default', 'demo', 'empty', 'minimal', 'preview', 'remote', 'stable']);
  });

  it.each(['ambient', 'default', 'demo', 'empty', 'minimal', 'preview', 'remote', 'stable'])('%s enables the same components as Istio', (name) => {
    const base = upstreamProfile('default');
    const theirs = name === 'default' ? base : mergeSpec(base, upstreamProfile(name));
    const ours = profileSpec(name);
    for (const c of ['base', 'pilot', 'cni', 'ztunnel']) expect(enabled(ours, c), `${name} ${c}`).toBe(enabled(theirs, c));
    for (const l of ['ingressGateways', 'egressGateways']) expect(gatewaysEnabled(ours, l), `${name} ${l}`).toEqual(gatewaysEnabled(theirs, l));
    expect(getPath(ours, ['values', 'profile'])).toBe(getPath(theirs, ['values', 'profile']));
  });

  it.each(['ambient', 'demo', 'preview', 'remote', 'stable'])('%s carries every value the upstream helm profile sets', (name) => {
    const helm = parse(readFileSync(join(ref, 'helm-profiles', `${name}.yaml`), 'utf8')) as Record<string, unknown>;
    const ours = profileSpec(name);
    // Helm-level keys map to IstioOperator paths: meshConfig -> spec.meshConfig; top-level istiod keys -> values.pilot.
    const pilotKeys = new Set(['configMap', 'autoscaleEnabled', 'traceSampling', 'resources']);
    for (const [path, v] of leaves(helm)) {
      const head = path[0] as string;
      const target = head === 'meshConfig' ? path : pilotKeys.has(head) ? ['values', 'pilot', ...path] : ['values', ...path];
      expect(getPath(ours, target), `${name}: ${path.join('.')}`).toEqual(v);
    }
  });
});

function mergeSpec(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isTree(out[k]) && isTree(v) ? mergeSpec(out[k] as Record<string, unknown>, v) : v;
  return out;
}

/** Leaf values of a tree with their paths (lists are leaves). */
function leaves(t: Record<string, unknown>, path: string[] = []): Array<[string[], unknown]> {
  return Object.entries(t).flatMap(([k, v]) => (isTree(v) ? leaves(v, [...path, k]) : [[[...path, k], v] as [string[], unknown]]));
}
