/**
 * Scores sailctl's `manifest generate` against one of Istio's manifest-generate golden cases (read from
 * ../shared/reference/istio/manifest/cases, test-only): both outputs are filtered with the case's `diffSelect`,
 * objects are matched by Kind:namespace:name, and the case scores (sum of key-field agreement over matched
 * objects) / (objects in either). Key fields: containers (name, image, args, env names) of Deployments and
 * DaemonSets, Service type and ports, webhook names/rules/selectors, ConfigMap data keys with mesh config leaves
 * and injection template names, HPA and PDB bounds; any other matched object counts 1.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { runSailctl } from './cli.js';

export interface FidelityCase {
  name: string;
  dir: string;
  flags: string[];
  diffSelect: string | null;
  inputs: string[];
  golden: string;
}

export interface RefusedCase {
  name: string;
  input: string;
  flags: string[];
  errorContains: string;
}

type Obj = { kind: string; metadata: { name?: string; namespace?: string }; [k: string]: any };

/** What upstream's test build has in its default profile: the case's own files and flags still win. */
export const TEST_DEFAULTS = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  hub: registry.istio.io/testing\n  tag: latest\n';

export function readCases(casesDir: string, names: string[]): FidelityCase[] {
  return names.map((folder) => {
    const c = JSON.parse(readFileSync(join(casesDir, folder, 'case.json'), 'utf8'));
    return { name: c.name, dir: join(casesDir, folder), flags: c.flags ?? [], diffSelect: c.diffSelect ?? null, inputs: c.inputs ?? [], golden: c.golden };
  });
}

const id = (o: Obj) => `${o.kind}:${o.metadata?.namespace ?? ''}:${o.metadata?.name ?? ''}`;

/**
 * Upstream's object filter: comma-separated Kind:namespace:name patterns; `*` or an empty part is anything, and
 * the joined pattern is an unanchored regexp over the object's hash (`Kind:name` for ClusterRole(Binding)).
 */
export function selects(diffSelect: string | null, o: Obj): boolean {
  if (!diffSelect) return true;
  const hash = ['ClusterRole', 'ClusterRoleBinding'].includes(o.kind) ? `${o.kind}:${o.metadata?.name ?? ''}` : id(o);
  return diffSelect.split(',').some((pattern) => {
    const parts = pattern.trim().split(':').map((p) => (p === '' || p === '*' ? '.*' : p));
    return new RegExp(parts.join(':')).test(hash);
  });
}

export function parseObjects(text: string): Obj[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as Obj | null)
    .filter((o): o is Obj => o !== null && typeof o === 'object' && typeof o.kind === 'string');
}

/** Scalars compare as text (quoting does not matter), maps by key (order does not matter). */
function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
    );
  }
  return v === null || v === undefined ? null : String(v);
}
const same = (a: unknown, b: unknown) => JSON.stringify(canon(a)) === JSON.stringify(canon(b));

/** Leaves of a tree by dotted path (lists are leaves). */
function leaves(t: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (t !== null && typeof t === 'object' && !Array.isArray(t)) {
    for (const [k, v] of Object.entries(t)) leaves(v, path ? `${path}.${k}` : k, out);
  } else out.set(path, t);
  return out;
}

export interface FieldCheck {
  field: string;
  ok: boolean;
}

function byName(list: unknown): Map<string, any> {
  return new Map((Array.isArray(list) ? list : []).map((x: any) => [String(x?.name), x]));
}

function podChecks(a: Obj, b: Obj): FieldCheck[] {
  const out: FieldCheck[] = [];
  const ca = byName(a.spec?.template?.spec?.containers);
  const cb = byName(b.spec?.template?.spec?.containers);
  for (const name of new Set([...ca.keys(), ...cb.keys()])) {
    const [x, y] = [ca.get(name), cb.get(name)];
    if (!x || !y) {
      out.push({ field: `container ${name}`, ok: false });
      continue;
    }
    out.push({ field: `container ${name}`, ok: true });
    out.push({ field: `${name}.image`, ok: same(x.image, y.image) });
    out.push({ field: `${name}.args`, ok: same(x.args ?? [], y.args ?? []) });
    const envNames = (c: any) => (Array.isArray(c.env) ? c.env.map((e: any) => String(e.name)) : []);
    out.push({ field: `${name}.env names`, ok: same(envNames(x), envNames(y)) });
  }
  return out;
}

function webhookChecks(a: Obj, b: Obj): FieldCheck[] {
  const wa = byName(a.webhooks);
  const wb = byName(b.webhooks);
  const out: FieldCheck[] = [{ field: 'webhook names', ok: same([...wa.keys()], [...wb.keys()]) }];
  for (const [name, y] of wb) {
    const x = wa.get(name);
    for (const f of ['rules', 'namespaceSelector', 'objectSelector']) out.push({ field: `${name}.${f}`, ok: x !== undefined && same(x[f], y[f]) });
  }
  return out;
}

function configMapChecks(a: Obj, b: Obj): FieldCheck[] {
  const da = a.data ?? {};
  const db = b.data ?? {};
  const out: FieldCheck[] = [{ field: 'data keys', ok: same(Object.keys(da).sort(), Object.keys(db).sort()) }];
  if (typeof db.mesh === 'string') {
    const la = leaves(typeof da.mesh === 'string' ? parse(da.mesh) : {});
    for (const [path, v] of leaves(parse(db.mesh))) out.push({ field: `mesh ${path}`, ok: la.has(path) && same(la.get(path), v) });
    for (const path of la.keys()) if (!leaves(parse(db.mesh)).has(path)) out.push({ field: `mesh ${path} (extra)`, ok: false });
  }
  if (typeof db.config === 'string') {
    const names = (text: unknown) => Object.keys((typeof text === 'string' ? (parse(text) as any)?.templates : undefined) ?? {}).sort();
    out.push({ field: 'injection template names', ok: same(names(da.config), names(db.config)) });
  }
  return out;
}

export function keyFieldChecks(a: Obj, b: Obj): FieldCheck[] {
  switch (b.kind) {
    case 'Deployment':
    case 'DaemonSet':
      return podChecks(a, b);
    case 'Service':
      return [
        { field: 'type', ok: same(a.spec?.type ?? 'ClusterIP', b.spec?.type ?? 'ClusterIP') },
        { field: 'ports', ok: same(a.spec?.ports ?? [], b.spec?.ports ?? []) },
      ];
    case 'MutatingWebhookConfiguration':
    case 'ValidatingWebhookConfiguration':
      return webhookChecks(a, b);
    case 'ConfigMap':
      return configMapChecks(a, b);
    case 'HorizontalPodAutoscaler':
      return ['minReplicas', 'maxReplicas'].map((f) => ({ field: f, ok: same(a.spec?.[f], b.spec?.[f]) }));
    case 'PodDisruptionBudget':
      return ['minAvailable', 'maxUnavailable'].map((f) => ({ field: f, ok: same(a.spec?.[f], b.spec?.[f]) }));
    default:
      return [{ field: 'present', ok: true }];
  }
}

export interface CaseScore {
  score: number;
  exitCode: number;
  stderr: string;
  missing: string[];
  extra: string[];
  mismatched: Array<{ object: string; fields: string[] }>;
}

/** sailctl's objects against the golden's: both already filtered. */
export function scoreObjects(ours: Obj[], golden: Obj[]): Omit<CaseScore, 'exitCode' | 'stderr'> {
  const mine = new Map(ours.map((o) => [id(o), o]));
  const theirs = new Map(golden.map((o) => [id(o), o]));
  const all = new Set([...mine.keys(), ...theirs.keys()]);
  if (all.size === 0) return { score: 1, missing: [], extra: [], mismatched: [] };
  let sum = 0;
  const mismatched: CaseScore['mismatched'] = [];
  for (const [key, b] of theirs) {
    const a = mine.get(key);
    if (!a) continue;
    const checks = keyFieldChecks(a, b);
    sum += checks.filter((c) => c.ok).length / checks.length;
    const bad = checks.filter((c) => !c.ok).map((c) => c.field);
    if (bad.length > 0) mismatched.push({ object: key, fields: bad });
  }
  return {
    score: sum / all.size,
    missing: [...theirs.keys()].filter((k) => !mine.has(k)),
    extra: [...mine.keys()].filter((k) => !theirs.has(k)),
    mismatched,
  };
}

export async function runCase(c: FidelityCase): Promise<CaseScore> {
  const tmp = mkdtempSync(join(tmpdir(), 'sailctl-fidelity-'));
  try {
    writeFileSync(join(tmp, 'test-defaults.yaml'), TEST_DEFAULTS);
    const files = ['test-defaults.yaml', ...c.inputs.map((f) => join(c.dir, f))].flatMap((f) => ['-f', f]);
    const r = await runSailctl(['manifest', 'generate', ...files, ...c.flags], { cwd: tmp });
    const golden = parseObjects(readFileSync(join(c.dir, c.golden), 'utf8')).filter((o) => selects(c.diffSelect, o));
    if (r.exitCode !== 0) {
      return { score: 0, exitCode: r.exitCode, stderr: r.stderr, missing: golden.map(id), extra: [], mismatched: [] };
    }
    const ours = parseObjects(r.stdout).filter((o) => selects(c.diffSelect, o));
    return { ...scoreObjects(ours, golden), exitCode: 0, stderr: r.stderr };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
