/**
 * The verify-install checks, in the order they run. Each reads the cluster through the port and returns
 * an outcome; none prints.
 */
import type { KubeObject, ObjectRef } from '../kube/types.js';
import { mapLimit } from '../install/parallel.js';
import { reasonsFor } from '../install/readiness.js';
import { nameOf } from '../install/refs.js';
import { crdReadiness, workloadReadiness } from '../install/status.js';
import type { Check, CheckOutcome, VerifyEnv } from './types.js';

/** The oldest Kubernetes minor version the Istio release sailctl installs supports. */
export const MIN_KUBERNETES_MINOR = 29;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

async function getAll(env: VerifyEnv, refs: readonly ObjectRef[]): Promise<Array<KubeObject | undefined>> {
  return mapLimit(refs, 16, (r) => env.kube.get(r), env.signal);
}

async function workloadsReady(env: VerifyEnv, refs: readonly ObjectRef[], what: string): Promise<CheckOutcome> {
  const found = await getAll(env, refs);
  const details: string[] = [];
  await Promise.all(
    refs.map(async (ref, i) => {
      const o = found[i];
      if (!o) return void details.push(`${nameOf(ref)}: not found`);
      const r = workloadReadiness(o);
      if (r.ready) return;
      const reasons = await reasonsFor(env.kube, o);
      details.push(`${nameOf(ref)}: ${r.summary}${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}`);
    }),
  );
  details.sort();
  const deployments = refs.filter((r) => r.kind === 'Deployment').length;
  return {
    ok: details.length === 0,
    description: details.length === 0 ? `${what}: ${plural(refs.length, 'workload')} ready` : `${what}: ${details.length} of ${refs.length} not ready`,
    details,
    counts: { deployments },
  };
}

export const CHECKS: readonly Check[] = [
  {
    id: 'k8s-api-reachable',
    category: 'kubernetes-api',
    description: 'can reach the Kubernetes API server',
    hint: 'check --kubeconfig/--context, and that the API server is up and reachable from here',
    fatal: true,
    async run(env) {
      const v = await env.kube.serverVersion();
      return { ok: true, description: `can reach the Kubernetes API server (${v.gitVersion}) at ${env.kube.server}` };
    },
  },
  {
    id: 'k8s-version',
    category: 'kubernetes-api',
    description: 'Kubernetes version is supported',
    hint: `Istio needs Kubernetes 1.${MIN_KUBERNETES_MINOR} or newer: upgrade the cluster`,
    fatal: false,
    async run(env) {
      const v = await env.kube.serverVersion();
      const minor = Number.parseInt(v.minor, 10);
      const ok = Number(v.major) > 1 || (Number.isFinite(minor) && minor >= MIN_KUBERNETES_MINOR);
      return { ok, description: `Kubernetes ${v.major}.${Number.isFinite(minor) ? minor : v.minor} is ${ok ? '' : 'not '}supported (1.${MIN_KUBERNETES_MINOR} or newer)` };
    },
  },
  {
    id: 'istio-namespace',
    category: 'control-plane',
    description: 'the Istio namespace exists',
    hint: 'pass the namespace Istio is installed in with -i/--istioNamespace, or install Istio first',
    fatal: false,
    async run(env) {
      const t = await env.target();
      const rendered = t.mode === 'rendered' ? t.controlPlane.map((r) => r.namespace ?? '').filter(Boolean) : [];
      const names = [...new Set(rendered.length > 0 ? rendered : [env.istioNamespace ?? 'istio-system'])].sort();
      const found = await getAll(env, names.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', name })));
      const missing = names.filter((_, i) => !found[i]);
      return missing.length === 0
        ? { ok: true, description: `namespace ${names.join(', ')} exists` }
        : { ok: false, description: `namespace ${missing.join(', ')} not found`, details: missing.map((n) => `Namespace ${n}: not found`) };
    },
  },
  {
    id: 'istio-crds',
    category: 'istio-crds',
    description: 'Istio CRDs are present and Established',
    hint: "install them with 'sailctl install' (the base component), or check the CRDs' status conditions",
    fatal: false,
    async run(env) {
      const t = await env.target();
      const refs = t.crds.map((name) => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name }));
      const found = await getAll(env, refs);
      const details: string[] = [];
      found.forEach((crd, i) => {
        const name = t.crds[i] ?? '';
        if (!crd) details.push(`${name}: not found`);
        else if (!crdReadiness(crd).ready) details.push(`${name}: ${crdReadiness(crd).summary}`);
      });
      return { ok: details.length === 0, description: `Checked ${plural(t.crds.length, 'CRD')}`, details, counts: { crds: t.crds.length } };
    },
  },
  {
    id: 'control-plane-found',
    category: 'control-plane',
    description: 'an Istio control plane is installed',
    hint: "install one with 'sailctl install', or pass the flags of your install (--profile, -f, --set, -r)",
    fatal: false,
    async run(env) {
      const t = await env.target();
      const ok = t.controlPlane.length > 0 || (t.mode === 'rendered' && t.revisions.length > 0);
      return { ok, description: ok ? `control plane revision${t.revisions.length > 1 ? 's' : ''}: ${t.revisions.join(', ')}` : 'no Istio control plane found (no istiod Deployment)' };
    },
  },
  {
    id: 'control-plane-ready',
    category: 'control-plane',
    description: 'control-plane Deployments are available',
    hint: 'look at the pods: kubectl -n <namespace> describe pod -l app=istiod; fix the reason shown (image, resources, crash)',
    fatal: false,
    run: async (env) => workloadsReady(env, (await env.target()).controlPlane, 'control plane'),
  },
  {
    id: 'webhooks',
    category: 'webhooks',
    description: 'webhooks are present, have a caBundle, and point at an existing Service',
    hint: 'istiod fills in the caBundle once it runs: check that istiod is ready and its Service exists',
    fatal: false,
    async run(env) {
      const refs = (await env.target()).webhooks;
      const found = await getAll(env, refs);
      const details: string[] = [];
      const services = new Map<string, Promise<KubeObject | undefined>>();
      let entries = 0;
      for (const [i, hook] of found.entries()) {
        const ref = refs[i] as ObjectRef;
        if (!hook) {
          details.push(`${nameOf(ref)}: not found`);
          continue;
        }
        for (const w of (hook.webhooks as Array<{ name?: string; clientConfig?: { caBundle?: string; service?: { name?: string; namespace?: string } } }> | undefined) ?? []) {
          entries++;
          const label = `${nameOf(ref)} webhook ${w.name ?? '?'}`;
          const svc = w.clientConfig?.service;
          if (svc && !w.clientConfig?.caBundle) details.push(`${label}: no caBundle`);
          if (svc?.name && svc.namespace) {
            const key = `${svc.namespace}/${svc.name}`;
            if (!services.has(key)) services.set(key, env.kube.get({ apiVersion: 'v1', kind: 'Service', namespace: svc.namespace, name: svc.name }));
            if (!(await services.get(key))) details.push(`${label}: Service ${key} not found`);
          }
        }
      }
      return { ok: details.length === 0, description: `Checked ${plural(refs.length, 'webhook configuration')} (${plural(entries, 'webhook')})`, details };
    },
  },
  {
    id: 'gateways-ready',
    category: 'gateways',
    description: 'gateways are ready',
    hint: 'look at the gateway pods: kubectl -n <namespace> describe pod -l istio=ingressgateway',
    fatal: false,
    async run(env) {
      const refs = (await env.target()).gateways;
      if (refs.length === 0) return { ok: true, description: 'no gateways in this install' };
      return workloadsReady(env, refs, 'gateways');
    },
  },
  {
    id: 'resources-present',
    category: 'resources',
    description: 'every other installed object is present',
    hint: "re-run 'sailctl install' with the same flags to put back what is missing",
    fatal: false,
    async run(env) {
      const t = await env.target();
      if (t.mode === 'discovered') return { ok: true, warning: true, description: 'other objects not compared: pass the install flags (--profile, -f, --set) to check them' };
      const found = await getAll(env, t.others);
      const missing = t.others.filter((_r, i) => !found[i]).map((r) => `${nameOf(r)}: not found`);
      return { ok: missing.length === 0, description: `Checked ${plural(t.others.length, 'other object')}`, details: missing };
    },
  },
];
