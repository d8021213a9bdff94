/**
 * Validation of one loaded resource: Istio kinds against their precompiled strict schema (unknown fields are
 * errors), the intent of their CEL rules, and istiod-style semantic checks; built-in Kubernetes kinds that
 * affect the mesh against sailctl's own rules (`builtin.ts`). Every issue carries the JSON path and the
 * file line:column of the offending node. Pure apart from lazily importing the one module a kind needs.
 */
import type { LoadedResource, PathSegment } from '../resources/types.js';
import { validateBuiltin, isBuiltinKind } from './builtin.js';
import { celIssues } from './celwalk.js';
import { LOADERS } from './generated/index.js';
import { schemaIssues } from './schema-errors.js';
import { semanticChecksFor, type SemanticIssue } from './semantic/index.js';
import type { CompiledValidatorModule } from './types.js';

export interface ValidationIssue {
  path: PathSegment[];
  /** `spec.http[0].route` */
  pathText: string;
  message: string;
  severity: 'error' | 'warning';
  line: number;
  col: number;
}

export interface ValidateOptions {
  /** Also check references inside the resource (gateway names, exportTo, subsets...). Default true. */
  referential?: boolean;
}

const ISTIO_GROUPS = new Set(['networking.istio.io', 'security.istio.io', 'telemetry.istio.io', 'extensions.istio.io']);

export function isIstioKind(apiVersion: string, kind: string): boolean {
  return `${apiVersion}/${kind}` in LOADERS;
}

/** Kinds `validate` checks: Istio kinds, unknown versions of Istio groups, and the built-in kinds of `builtin.ts`. */
export function isValidatedKind(apiVersion: string, kind: string): boolean {
  return isIstioKind(apiVersion, kind) || ISTIO_GROUPS.has(groupOf(apiVersion)) || isBuiltinKind(apiVersion, kind);
}

function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

// Loaded modules, kept so that each kind's code is imported once per process.
const modules = new Map<string, CompiledValidatorModule>();
async function loadModule(key: string): Promise<CompiledValidatorModule | undefined> {
  const done = modules.get(key);
  if (done) return done;
  const load = LOADERS[key];
  if (!load) return undefined;
  const m = await load();
  modules.set(key, m);
  return m;
}

/** Imports the validators of these `apiVersion/kind` keys at once (file reads overlap). */
export async function preloadValidators(keys: Iterable<string>): Promise<void> {
  await Promise.all([...new Set(keys)].filter((k) => k in LOADERS).map((k) => loadModule(k)));
}

/** Every problem found in `r`; an empty list when it is valid or of a kind sailctl does not check. */
export async function validateResource(r: LoadedResource, options: ValidateOptions = {}): Promise<ValidationIssue[]> {
  const referential = options.referential ?? true;
  const raw: SemanticIssue[] = [];
  const key = `${r.apiVersion}/${r.kind}`;
  const m = await loadModule(key);
  if (m) {
    raw.push(...schemaIssues(m, r.object));
    raw.push(...celIssues(m, r.object));
    const semantic = await semanticChecksFor(groupOf(r.apiVersion), r.kind);
    if (semantic) semantic(r.object, { referential, report: (path, message, severity = 'error') => raw.push({ path, message, severity }) });
  } else if (ISTIO_GROUPS.has(groupOf(r.apiVersion))) {
    const versions = Object.keys(LOADERS)
      .filter((k) => k.endsWith(`/${r.kind}`) && k.startsWith(`${groupOf(r.apiVersion)}/`))
      .map((k) => k.split('/')[1]);
    raw.push({
      path: ['apiVersion'],
      severity: 'error',
      message:
        versions.length > 0
          ? `${r.apiVersion} does not serve ${r.kind}; use ${versions.map((v) => `${groupOf(r.apiVersion)}/${v}`).join(', ')}`
          : `${r.kind} is not a kind of ${groupOf(r.apiVersion)}`,
    });
  } else if (isBuiltinKind(r.apiVersion, r.kind)) {
    validateBuiltin(r.apiVersion, r.kind, r.object, (path, message, severity = 'error') => raw.push({ path, message, severity }));
  }
  return toIssues(r, raw);
}

function toIssues(r: LoadedResource, raw: readonly SemanticIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  for (const i of raw) {
    const pathText = formatPath(i.path);
    const id = `${pathText}\u0000${i.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const pos = r.locate(i.path, i.at ?? 'value');
    out.push({ path: [...i.path], pathText, message: i.message, severity: i.severity, line: pos.line, col: pos.col });
  }
  out.sort((a, b) => a.line - b.line || a.col - b.col || a.pathText.localeCompare(b.pathText) || a.message.localeCompare(b.message));
  return out;
}
