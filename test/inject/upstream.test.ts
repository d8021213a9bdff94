/**
 * Fidelity with Istio: injects upstream's example inputs (../shared/reference/istio/inject/*.yaml) and
 * compares the result with Istio's own outputs (*.yaml.injected): structurally (the same containers and init
 * containers, volumes, proxy ports, proxy env var names, labels and annotation keys), then value for value
 * for everything injection adds, except image names (upstream's outputs use a test hub). The same holds when
 * upstream's own template (injection-template.yaml) runs through sailctl's data model and functions, as with
 * `--from-cluster` against a cluster installed by istioctl.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildInjectConfig } from '../../src/inject/config.js';
import * as YAML from 'yaml';
import { builtInInjectInputs } from '../../src/inject/defaults.js';
import { injectAll } from '../../src/inject/index.js';
import { prepareTemplates } from '../../src/inject/render.js';

const ref = fileURLToPath(new URL('../../../shared/reference/istio/inject/', import.meta.url));
type Obj = Record<string, any>;

/** The pod template and, for upstream's CronJob output, the job template's metadata (where istioctl puts it). */
function pods(text: string): Array<{ meta: Obj; spec: Obj }> {
  const objects = parseAllDocuments(text)
    .map((d) => d.toJS() as Obj | null)
    .filter((o): o is Obj => o !== null);
  return objects.map((o) => {
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

/** What injection adds, values included: istio-* containers (images masked), volumes, labels, annotations. */
function added(pod: { meta: Obj; spec: Obj }) {
  const mask = (c: Obj) => ({ ...c, image: 'IMAGE' });
  const istio = (xs: Obj[] | undefined) => (xs ?? []).filter((c) => String(c.name).startsWith('istio-')).map(mask);
  return {
    containers: istio(pod.spec.containers),
    initContainers: istio(pod.spec.initContainers),
    volumes: pod.spec.volumes,
    labels: pod.meta.labels,
    annotations: pod.meta.annotations,
  };
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
  const config = buildInjectConfig(builtInInjectInputs(), {});
  const pairs = existsSync(ref) ? readdirSync(ref).filter((f) => f.endsWith('.yaml') && existsSync(`${ref}${f}.injected`) && f !== 'injection-template.yaml') : [];

  it('finds the upstream pairs', () => expect(pairs.length).toBeGreaterThanOrEqual(4));

  it.each(pairs)('%s', (file) => {
    const ours = injectAll(readFileSync(`${ref}${file}`, 'utf8'), config, YAML);
    expect(ours.problems).toEqual([]);
    const theirs = pods(readFileSync(`${ref}${file}.injected`, 'utf8'));
    const mine = pods(ours.text);
    expect(mine.map(shape)).toEqual(theirs.map(shape));
    expect(mine.map(added)).toEqual(theirs.map(added));
  });

  it.each(pairs)('%s with upstream\'s own template (injection-template.yaml)', async (file) => {
    const upstream = buildInjectConfig(builtInInjectInputs(), { injectConfig: { source: 'injection-template.yaml', text: readFileSync(`${ref}injection-template.yaml`, 'utf8') } });
    await prepareTemplates(upstream.injector);
    const ours = injectAll(readFileSync(`${ref}${file}`, 'utf8'), upstream, YAML);
    expect(ours.problems).toEqual([]);
    expect(pods(ours.text).map(added)).toEqual(pods(readFileSync(`${ref}${file}.injected`, 'utf8')).map(added));
  });

  it('upgrades upstream\'s older-version sidecar to the same shape as a fresh injection', () => {
    const old = readFileSync(`${ref}hello-old-version.yaml.injected`, 'utf8');
    const ours = injectAll(old, config, YAML);
    expect(ours.problems).toEqual([]);
    expect(pods(ours.text).map(shape)).toEqual(pods(readFileSync(`${ref}hello.yaml.injected`, 'utf8')).map(shape));
  });
});
