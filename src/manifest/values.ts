/**
 * Install inputs -> one resolved install: profile (laid on default), IstioOperator files in order, then
 * `--set` flags, validated against the IstioOperator schema, with the chart defaults underneath.
 * Pure and synchronous: files are passed in as text; profiles are embedded at build time.
 */
import { DNS_LABEL_RULE, isDnsLabel } from '../api/dns-label.js';
import { InputError } from '../errors.js';
import { parseResources } from '../resources/index.js';
import { DEFAULT_HUB, DEFAULT_TAG } from '../release.js';
import { chartValueDefaults, meshConfigDefaults } from './defaults.js';
import { cloneData, getPath, isTree, overlay, type Tree } from './merge.js';
import { DEFAULT_PROFILE, profileSpec } from './profiles.js';
import { applySet, parseSet, type SetAssignment } from './setflag.js';
import { formatPath, validateSpec } from './validate.js';

export interface InstallInput {
  profile?: string;
  /** IstioOperator YAML texts, in order (later ones win). `source` is the file name for messages. */
  overlays?: Array<{ source: string; text: string }>;
  /** `a.b=c`, applied after the files, in order. */
  set?: string[];
  revision?: string;
  /** Unknown fields become warnings instead of errors. */
  force?: boolean;
}

/** One ingress or egress gateway of `components.*Gateways` (disabled ones included, `enabled: false`). */
export interface GatewaySpec {
  name: string;
  namespace: string;
  enabled: boolean;
  /** Extra pod/service selector labels (`label:` in the IstioOperator). */
  label: Record<string, string>;
  hub?: string;
  tag?: string;
  k8s: Record<string, unknown>;
}

/** `components.base|pilot|cni|ztunnel` beyond the enabled flag. */
export interface ComponentSettings {
  namespace: string;
  hub?: string;
  tag?: string;
  k8s: Record<string, unknown>;
}

export interface ResolvedInstall {
  profile: string;
  /** '' = the default revision. */
  revision: string;
  namespace: string;
  hub: string;
  tag: string;
  /** Effective Helm-style values (chart defaults, profile, files, --set), shaped like IstioOperator `values`. */
  values: Record<string, unknown>;
  /** Mesh config as written to the `istio[-rev]` ConfigMap. */
  meshConfig: Record<string, unknown>;
  components: {
    base: boolean;
    pilot: boolean;
    cni: boolean;
    ztunnel: boolean;
    ingressGateways: GatewaySpec[];
    egressGateways: GatewaySpec[];
  };
  warnings: string[];
  /** Per-component namespace, image and Kubernetes settings. */
  settings: { base: ComponentSettings; pilot: ComponentSettings; cni: ComponentSettings; ztunnel: ComponentSettings };
  /** `install.operator.istio.io/owning-resource`: the IstioOperator's name, or `installed-state`. */
  owner: string;
  /** The merged IstioOperator (profile + files + --set), as `istioctl` would store it. */
  operator: Record<string, unknown>;
}

const IOP_API = 'install.istio.io/v1alpha1';

interface ReadOverlay {
  spec: Tree;
  name?: string;
  namespace?: string;
}

function readOverlay(source: string, text: string, force: boolean, warnings: string[]): ReadOverlay[] {
  const { resources, problems } = parseResources({ name: source, text });
  const first = problems[0];
  if (first) {
    throw new InputError(`${first.file}:${first.line}:${first.col}: ${first.message}`, {
      details: problems.slice(1).map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`),
    });
  }
  const second = resources[1];
  if (second) {
    // As Istio: one IstioOperator per file (several files are laid on each other in order instead).
    throw new InputError(`${source}:${second.origin.line}:${second.origin.col}: contains multiple IstioOperator CRs, only one per file is supported`);
  }
  return resources.map((r) => {
    const at = (pos: { line: number; col: number }) => `${source}:${pos.line}:${pos.col}`;
    if (r.kind !== 'IstioOperator' || r.apiVersion !== IOP_API) {
      throw new InputError(`${at(r.origin)}: expected an IstioOperator (${IOP_API}), found ${r.apiVersion} ${r.kind}`);
    }
    const spec = r.object.spec ?? {};
    if (!isTree(spec)) throw new InputError(`${at(r.locate(['spec']))}: spec must be a mapping`);
    const found = validateSpec(spec).map((p) => `${at(r.locate(['spec', ...p.path], 'key'))}: ${p.message}`);
    if (found.length > 0 && !force) {
      throw new InputError(found[0] as string, { details: [...found.slice(1), 'use --force to install anyway'] });
    }
    warnings.push(...found);
    return { spec, name: r.name || undefined, namespace: r.namespace };
  });
}

function str(value: unknown, fallback: string): string {
  return value === undefined || value === null || value === '' ? fallback : String(value);
}

function component(spec: Tree, name: string, namespace: string): { enabled: boolean; settings: ComponentSettings } {
  const c = getPath(spec, ['components', name]);
  const t = isTree(c) ? c : {};
  return {
    enabled: t.enabled === true,
    settings: {
      namespace: str(t.namespace, namespace),
      ...(t.hub ? { hub: String(t.hub) } : {}),
      ...(t.tag !== undefined && t.tag !== '' ? { tag: String(t.tag) } : {}),
      k8s: isTree(t.k8s) ? cloneData(t.k8s) : {},
    },
  };
}

function gateways(spec: Tree, key: 'ingressGateways' | 'egressGateways', namespace: string): GatewaySpec[] {
  const list = getPath(spec, ['components', key]);
  const out = (Array.isArray(list) ? list : []).filter(isTree).map((g, i): GatewaySpec => {
    if (typeof g.name !== 'string' || g.name === '') {
      throw new InputError(`components.${key}[${i}] has no name`);
    }
    if (!isDnsLabel(g.name)) throw new InputError(`components.${key}[${i}].name: invalid gateway name "${g.name}": use ${DNS_LABEL_RULE}`);
    return {
      name: g.name,
      namespace: str(g.namespace, namespace),
      enabled: g.enabled === true,
      label: isTree(g.label) ? Object.fromEntries(Object.entries(g.label).map(([k, v]) => [k, String(v)])) : {},
      ...(g.hub ? { hub: String(g.hub) } : {}),
      ...(g.tag !== undefined && g.tag !== '' ? { tag: String(g.tag) } : {}),
      k8s: isTree(g.k8s) ? cloneData(g.k8s) : {},
    };
  });
  // As Istio: `values.gateways.istio-ingressgateway.enabled: true` (and the egress one) also enables that gateway.
  const name = key === 'ingressGateways' ? 'istio-ingressgateway' : 'istio-egressgateway';
  const helm = getPath(spec, ['values', 'gateways', name]);
  if (isTree(helm) && helm.enabled === true) {
    const found = out.find((g) => g.name === name);
    if (found) found.enabled = true;
    else out.push({ name, namespace: str(helm.namespace, namespace), enabled: true, label: {}, k8s: {} });
  }
  return out;
}

export function resolveInstall(input: InstallInput): ResolvedInstall {
  const warnings: string[] = [];
  const force = input.force === true;
  const overlays = (input.overlays ?? []).flatMap((o) => readOverlay(o.source, o.text, force, warnings));
  const sets: SetAssignment[] = (input.set ?? []).map((flag) => {
    const { assignment, warning } = parseSet(flag, force);
    if (warning) warnings.push(warning);
    return assignment;
  });

  // The profile: files, then --profile, then --set profile= (the last word wins).
  let profile = DEFAULT_PROFILE;
  for (const o of overlays) if (typeof o.spec.profile === 'string' && o.spec.profile) profile = o.spec.profile;
  if (input.profile) profile = input.profile;
  for (const s of sets) if (s.path.length === 1 && s.path[0] === 'profile') profile = String(s.value);

  let spec = profileSpec(profile);
  for (const o of overlays) spec = overlay(spec, o.spec);
  for (const s of sets) applySet(spec, s);
  spec.profile = profile;
  const finalProblems = validateSpec(spec).map((p) => `${formatPath(p.path)}: ${p.message}`);
  if (finalProblems.length > 0 && !force) {
    throw new InputError(finalProblems[0] as string, { details: finalProblems.slice(1) });
  }
  for (const p of finalProblems) if (!warnings.some((w) => w.includes(p.split(': ').slice(1).join(': ')))) warnings.push(p);

  const revisionRaw = input.revision ?? str(spec.revision, '');
  const revision = revisionRaw === 'default' ? '' : revisionRaw;
  if (revision !== '' && !isDnsLabel(revision)) {
    throw new InputError(`invalid revision "${revisionRaw}": use ${DNS_LABEL_RULE}, e.g. 1-24-0`);
  }
  if (revision) spec.revision = revision;

  const userValues = isTree(spec.values) ? spec.values : {};
  const namespace = str(spec.namespace, str(getPath(userValues, ['global', 'istioNamespace']), str(overlays.at(-1)?.namespace, 'istio-system')));
  const hub = str(getPath(userValues, ['global', 'hub']), str(spec.hub, DEFAULT_HUB));
  const tag = str(getPath(userValues, ['global', 'tag']), str(spec.tag, DEFAULT_TAG));

  const base = component(spec, 'base', namespace);
  const pilot = component(spec, 'pilot', namespace);
  const cni = component(spec, 'cni', namespace);
  const ztunnel = component(spec, 'ztunnel', namespace);

  let values = overlay(chartValueDefaults(), userValues);
  values = overlay(values, {
    global: { hub, tag, istioNamespace: namespace },
    revision,
    cni: { enabled: cni.enabled },
    ztunnel: { enabled: ztunnel.enabled },
  });
  if (getPath(userValues, ['pilot', 'cni', 'enabled']) === undefined) values = overlay(values, { pilot: { cni: { enabled: cni.enabled } } });

  // istiod's chart writes its own (release) namespace into the mesh config defaults.
  const rootNamespace = pilot.settings.namespace;
  const discovery = `istiod${revision ? `-${revision}` : ''}.${rootNamespace}.svc:15012`;
  let meshConfig = meshConfigDefaults(discovery, rootNamespace);
  const helmMesh = getPath(userValues, ['meshConfig']);
  if (isTree(helmMesh)) meshConfig = overlay(meshConfig, helmMesh);
  if (isTree(spec.meshConfig)) meshConfig = overlay(meshConfig, spec.meshConfig);

  const last = overlays.at(-1);
  return {
    profile,
    revision,
    namespace,
    hub,
    tag,
    values,
    meshConfig,
    components: {
      base: base.enabled,
      pilot: pilot.enabled,
      cni: cni.enabled,
      ztunnel: ztunnel.enabled,
      ingressGateways: gateways(spec, 'ingressGateways', namespace),
      egressGateways: gateways(spec, 'egressGateways', namespace),
    },
    warnings,
    settings: { base: base.settings, pilot: pilot.settings, cni: cni.settings, ztunnel: ztunnel.settings },
    owner: last?.name ?? 'installed-state',
    operator: {
      apiVersion: IOP_API,
      kind: 'IstioOperator',
      metadata: { name: last?.name ?? 'installed-state', namespace },
      spec,
    },
  };
}
