/**
 * Finding, reading and merging kubeconfig files with kubectl's rules, before client-node sees them:
 * `--kubeconfig` (one file, must exist) > `$KUBECONFIG` (path list; missing files skipped; for a name
 * defined twice the FIRST definition wins; the first file that sets current-context wins) > ~/.kube/config
 * > in-cluster service account. No kubeconfig at all is an error, never a silent localhost:8080.
 * Messages name files (and lines), never file content: a kubeconfig holds tokens and keys.
 */
import { readFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { KubeConfigError } from './errors.js';

export interface NamedCluster {
  name: string;
  server: string;
  certificateAuthority?: string;
  certificateAuthorityData?: string;
  insecureSkipTlsVerify: boolean;
  tlsServerName?: string;
  proxyUrl?: string;
  /** The file the entry came from, for messages. */
  file: string;
}

export interface NamedUser {
  name: string;
  token?: string;
  tokenFile?: string;
  clientCertificate?: string;
  clientCertificateData?: string;
  clientKey?: string;
  clientKeyData?: string;
  username?: string;
  password?: string;
  exec?: unknown;
  authProvider?: unknown;
  as?: string;
  file: string;
}

export interface NamedContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
  file: string;
}

export interface MergedKubeconfig {
  /** Files actually read, in order. */
  files: string[];
  clusters: NamedCluster[];
  users: NamedUser[];
  contexts: NamedContext[];
  currentContext?: string;
}

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export type KubeconfigSource =
  | { kind: 'files'; paths: string[]; explicit: boolean; describe: string }
  | { kind: 'none'; describe: string };

/** Which files to read, by kubectl's precedence. */
export function kubeconfigPaths(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): KubeconfigSource {
  if (flag) return { kind: 'files', paths: [flag], explicit: true, describe: `--kubeconfig ${flag}` };
  const list = env.KUBECONFIG;
  if (list && list.length > 0) {
    const paths = list.split(delimiter).filter((p) => p.length > 0);
    return { kind: 'files', paths, explicit: false, describe: `$KUBECONFIG (${paths.join(delimiter)})` };
  }
  if (env.HOME) {
    const path = join(env.HOME, '.kube', 'config');
    return { kind: 'files', paths: [path], explicit: false, describe: path };
  }
  return { kind: 'none', describe: 'no $KUBECONFIG and no $HOME' };
}

type Reader = (path: string) => string;
const defaultReader: Reader = (path) => readFileSync(path, 'utf8');

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function ioReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return code ? `cannot read it (${code})` : 'cannot read it';
  }
}

/** YAML error codes such as `BAD_INDENT` as words; the library's own message quotes file content. */
function yamlReason(code: string): string {
  return code.toLowerCase().replace(/_/g, ' ');
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function resolvePath(base: string, value: unknown): string | undefined {
  const path = str(value);
  if (path === undefined) return undefined;
  return isAbsolute(path) ? path : join(dirname(base), path);
}

function entries(doc: Record<string, unknown>, key: string, file: string): Array<{ name: string; body: Record<string, unknown> }> {
  const list = doc[key];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new KubeConfigError(`kubeconfig ${file}: "${key}" must be a list`);
  const inner = key.slice(0, -1); // clusters -> cluster
  return list.map((item, i) => {
    const entry = (item ?? {}) as Record<string, unknown>;
    const name = str(entry.name);
    if (name === undefined) throw new KubeConfigError(`kubeconfig ${file}: ${key}[${i}] has no name`);
    const body = entry[inner];
    return { name, body: body && typeof body === 'object' ? (body as Record<string, unknown>) : {} };
  });
}

/** Parses one kubeconfig text. Relative file references resolve against the file's directory, as kubectl does. */
export function parseKubeconfig(text: string, file: string): Omit<MergedKubeconfig, 'files'> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, lineCounter: lines });
  const first = doc.errors[0];
  if (first) {
    const pos = lines.linePos(first.pos[0]);
    const where = `${file}:${pos.line}:${pos.col}`;
    throw new KubeConfigError(`malformed kubeconfig ${where}: ${yamlReason(first.code)}`);
  }
  const value = doc.toJS() as unknown;
  if (value === null || value === undefined) return { clusters: [], users: [], contexts: [] };
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new KubeConfigError(`malformed kubeconfig ${file}: expected a mapping with clusters, users and contexts`);
  }
  const root = value as Record<string, unknown>;
  const clusters = entries(root, 'clusters', file).map(({ name, body }): NamedCluster => ({
    name,
    server: str(body.server) ?? '',
    certificateAuthority: resolvePath(file, body['certificate-authority']),
    certificateAuthorityData: str(body['certificate-authority-data']),
    insecureSkipTlsVerify: body['insecure-skip-tls-verify'] === true,
    tlsServerName: str(body['tls-server-name']),
    proxyUrl: str(body['proxy-url']),
    file,
  }));
  const users = entries(root, 'users', file).map(({ name, body }): NamedUser => ({
    name,
    token: str(body.token),
    tokenFile: resolvePath(file, body.tokenFile ?? body['token-file']),
    clientCertificate: resolvePath(file, body['client-certificate']),
    clientCertificateData: str(body['client-certificate-data']),
    clientKey: resolvePath(file, body['client-key']),
    clientKeyData: str(body['client-key-data']),
    username: str(body.username),
    password: str(body.password),
    exec: body.exec ?? undefined,
    authProvider: body['auth-provider'] ?? undefined,
    as: str(body.as),
    file,
  }));
  const contexts = entries(root, 'contexts', file).map(({ name, body }): NamedContext => ({
    name,
    cluster: str(body.cluster) ?? '',
    user: str(body.user) ?? '',
    namespace: str(body.namespace),
    file,
  }));
  return { clusters, users, contexts, currentContext: str(root['current-context']) };
}

/** Reads and merges the files. Missing files in a list are skipped; an explicit `--kubeconfig` must exist. */
export function readKubeconfigs(source: Extract<KubeconfigSource, { kind: 'files' }>, read: Reader = defaultReader): MergedKubeconfig {
  const merged: MergedKubeconfig = { files: [], clusters: [], users: [], contexts: [] };
  for (const path of source.paths) {
    let text: string;
    try {
      text = read(path);
    } catch (err) {
      if (isMissing(err) && !source.explicit) continue;
      throw new KubeConfigError(`cannot read kubeconfig ${path}: ${ioReason(err)}`);
    }
    const one = parseKubeconfig(text, path);
    merged.files.push(path);
    // First definition wins, as kubectl merges.
    for (const c of one.clusters) if (!merged.clusters.some((x) => x.name === c.name)) merged.clusters.push(c);
    for (const u of one.users) if (!merged.users.some((x) => x.name === u.name)) merged.users.push(u);
    for (const c of one.contexts) if (!merged.contexts.some((x) => x.name === c.name)) merged.contexts.push(c);
    merged.currentContext ??= one.currentContext;
  }
  return merged;
}

export interface SelectedContext {
  context: NamedContext;
  cluster: NamedCluster;
  user: NamedUser;
}

/** Picks `--context` or the current context, and checks that what it refers to exists. */
export function selectContext(config: MergedKubeconfig, requested: string | undefined): SelectedContext {
  const files = config.files.join(', ');
  const available = config.contexts.map((c) => c.name).sort();
  const listed = available.length > 0 ? `available contexts: ${available.join(', ')}` : 'it defines no contexts';
  const name = requested ?? config.currentContext;
  if (name === undefined) {
    throw new KubeConfigError(`no current context in kubeconfig ${files}: pass --context (${listed})`);
  }
  const context = config.contexts.find((c) => c.name === name);
  if (!context) {
    throw new KubeConfigError(`context "${name}" not found in kubeconfig ${files} (${listed})`);
  }
  const cluster = config.clusters.find((c) => c.name === context.cluster);
  if (!cluster) {
    throw new KubeConfigError(`context "${name}" refers to cluster "${context.cluster}", which ${context.file} does not define`);
  }
  if (!cluster.server) throw new KubeConfigError(`cluster "${cluster.name}" in ${cluster.file} has no server URL`);
  try {
    new URL(cluster.server);
  } catch {
    throw new KubeConfigError(`cluster "${cluster.name}" in ${cluster.file} has an invalid server URL "${cluster.server}"`);
  }
  const user = config.users.find((u) => u.name === context.user) ?? { name: context.user, file: context.file };
  return { context, cluster, user };
}

/** The in-cluster service account as a one-context config, or undefined outside a pod. */
export function inClusterConfig(
  env: Readonly<Record<string, string | undefined>>,
  read: Reader = defaultReader,
  dir = SERVICE_ACCOUNT_DIR,
): MergedKubeconfig | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) return undefined;
  let token: string;
  try {
    token = read(join(dir, 'token')).trim();
  } catch {
    return undefined;
  }
  let namespace: string | undefined;
  try {
    namespace = read(join(dir, 'namespace')).trim() || undefined;
  } catch {
    namespace = undefined;
  }
  const file = `in-cluster service account (${dir})`;
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return {
    files: [file],
    clusters: [{ name: 'in-cluster', server: `https://${h}:${port}`, certificateAuthority: join(dir, 'ca.crt'), insecureSkipTlsVerify: false, file }],
    users: [{ name: 'in-cluster', token, file }],
    contexts: [{ name: 'in-cluster', cluster: 'in-cluster', user: 'in-cluster', namespace, file }],
    currentContext: 'in-cluster',
  };
}

/** Everything up to choosing a context: the files by precedence, else in-cluster, else a clear error. */
export function loadKubeconfig(
  options: { kubeconfig?: string; context?: string; env: Readonly<Record<string, string | undefined>> },
  read: Reader = defaultReader,
  serviceAccountDir = SERVICE_ACCOUNT_DIR,
): SelectedContext & { config: MergedKubeconfig } {
  const source = kubeconfigPaths(options.kubeconfig, options.env);
  let config = source.kind === 'files' ? readKubeconfigs(source, read) : undefined;
  if (!config || config.contexts.length === 0) {
    const explicit = source.kind === 'files' && source.explicit;
    const inCluster = explicit ? undefined : inClusterConfig(options.env, read, serviceAccountDir);
    if (inCluster) config = inCluster;
    else if (!config || config.files.length === 0) {
      throw new KubeConfigError(`no kubeconfig found (looked at ${source.describe}) and not running inside a cluster`, {
        details: ['Point --kubeconfig or $KUBECONFIG at a kubeconfig file, or create ~/.kube/config.'],
      });
    }
  }
  return { ...selectContext(config, options.context), config };
}
