/**
 * Fidelity with Istio: injects upstream's example inputs (../shared/reference/istio/inject/*.yaml) and
 * compares the result structurally with Istio's own outputs (*.yaml.injected): the same containers and init
 * containers, volumes, proxy ports, proxy env var names, labels and annotation keys. Values such as image
 * names differ (upstream's test hub) and are not compared.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildInjectConfig } from '../../src/inject/config.js';
import { defaultInjectInputs } from '../../src/inject/defaults.js';
import { injectAll } from '../../src/inject/index.js';

const ref = fileURLToPath(new URL('../../../shared/reference/istio/inject/', import.meta.url));
type Obj = Record<string, any>;

/** The pod template and, for upstream's CronJob output, the job template's metadata (where istioctl puts it). */
function pods(text: string): Array<{ meta: Obj; spec: Obj }> {
  return parseAllDocuments(text).map((d) => {
    const o = d.toJS() as Obj;
    if (o.kind === 'Pod') return { meta: o.metadata ?? {}, spec: o.spec };
    if (o.kind === 'CronJob') {
      const jt = o.spec.jobTemplate;
      const m = jt.spec.template.metadata ?? {};
      const j = jt.metadata ?? {};
      return { meta: { labels: { ...j.labels, ...m.labels }, annotations: { ...j.annotations, ...m.annotations } }, spec: jt.spec.template.spec };
    }
    return { meta: o.spec.template.metadata ?? {}, spec: o.spec.template.spec };
  });
}

function shape(pod: { meta: Obj; spec: Obj }) {
  const names = (xs: Obj[] | undefined) => (xs ?? []).map((x) => x.name as string);
  const all = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])] as Obj[];
  const proxy = all.find((c) => c.name === 'istio-proxy');
  return {
    containers: names(pod.spec.containers),
    initContainers: names(pod.spec.initContainers),
    volumes: names(pod.spec.volumes).sort(),
    labels: Object.keys(pod.meta.labels ?? {}).sort(),
    annotations: Object.keys(pod.meta.annotations ?? {}).sort(),
    proxyPorts: (proxy?.ports ?? []).map((p: Obj) => `${p.name}:${p.containerPort}`),
    proxyEnv: (proxy?.env ?? []).map((e: Obj) => e.name as string).sort(),
    proxyVolumeMounts: (proxy?.volumeMounts ?? []).map((m: Obj) => `${m.name}:${m.mountPath}`).sort(),
    proxyProbes: [proxy?.readinessProbe?.httpGet?.port, proxy?.startupProbe?.httpGet?.port],
    proxyRestartPolicy: proxy?.restartPolicy,
    status: pod.meta.annotations?.['sidecar.istio.io/status'],
  };
}

describe.skipIf(!existsSync(ref))('structural fidelity with upstream Istio examples (../shared/reference/istio/inject)', () => {
  const config = buildInjectConfig(defaultInjectInputs(''), {});
  const pairs = existsSync(ref) ? readdirSync(ref).filter((f) => f.endsWith('.yaml') && existsSync(`${ref}${f}.injected`) && f !== 'injection-template.yaml') : [];

  it('finds the upstream pairs', () => expect(pairs.length).toBeGreaterThanOrEqual(4));

  it.each(pairs)('%s', (file) => {
    const ours = injectAll(readFileSync(`${ref}${file}`, 'utf8'), config);
    expect(ours.problems).toEqual([]);
    const theirs = pods(readFileSync(`${ref}${file}.injected`, 'utf8'));
    const mine = pods(ours.text);
    expect(mine.map(shape)).toEqual(theirs.map(shape));
  });

  it('upgrades upstream\'s older-version sidecar to the same shape as a fresh injection', () => {
    const old = readFileSync(`${ref}hello-old-version.yaml.injected`, 'utf8');
    const ours = injectAll(old, config);
    expect(ours.problems).toEqual([]);
    expect(pods(ours.text).map(shape)).toEqual(pods(readFileSync(`${ref}hello.yaml.injected`, 'utf8')).map(shape));
  });
});
