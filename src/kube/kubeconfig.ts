/**
 * Hands the merged, selected kubeconfig (./kubeconfig-files.ts) to client-node's KubeConfig, which then does
 * what it is good at: TLS material, bearer tokens, exec/OIDC plugins, proxies (`applyToHTTPSOptions`).
 */
import { readFileSync } from 'node:fs';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { KubeConfigError } from './errors.js';
import type { MergedKubeconfig, NamedUser, SelectedContext } from './kubeconfig-files.js';

export interface LoadedKubeConfig {
  kc: KubeConfig;
  contextName: string;
  server: string;
  namespace: string;
  /** Files the configuration came from, for messages. */
  files: readonly string[];
}

function userToken(user: NamedUser): string | undefined {
  if (user.token) return user.token;
  if (!user.tokenFile) return undefined;
  try {
    return readFileSync(user.tokenFile, 'utf8').trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new KubeConfigError(`cannot read the token file ${user.tokenFile} of user "${user.name}" (${code})`);
  }
}

/** Builds client-node's KubeConfig from the context chosen by ./kubeconfig-files.ts. */
export function toKubeConfig(selected: SelectedContext & { config: MergedKubeconfig }): LoadedKubeConfig {
  const { context, cluster, user, config } = selected;
  const plainHttp = cluster.server.startsWith('http:');
  const kcCluster: Cluster = {
    name: cluster.name,
    server: cluster.server.replace(/\/+$/, ''),
    caData: cluster.certificateAuthorityData,
    caFile: cluster.certificateAuthority,
    // client-node refuses http:// servers unless TLS verification is "skipped"; there is no TLS to verify.
    skipTLSVerify: cluster.insecureSkipTlsVerify || plainHttp,
    tlsServerName: cluster.tlsServerName,
    proxyUrl: cluster.proxyUrl,
  };
  const kcUser: User = {
    name: user.name,
    token: userToken(user),
    certData: user.clientCertificateData,
    certFile: user.clientCertificate,
    keyData: user.clientKeyData,
    keyFile: user.clientKey,
    username: user.username,
    password: user.password,
    exec: user.exec,
    authProvider: user.authProvider,
    impersonateUser: user.as,
  };
  const kcContext: Context = { name: context.name, cluster: cluster.name, user: user.name, namespace: context.namespace };
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [kcCluster], users: [kcUser], contexts: [kcContext], currentContext: context.name });
  return {
    kc,
    contextName: context.name,
    server: kcCluster.server,
    namespace: context.namespace ?? 'default',
    files: config.files,
  };
}
