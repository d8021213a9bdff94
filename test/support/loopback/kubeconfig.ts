/** The kubeconfig the loopback server writes: cluster with certificate-authority-data, token user, one context. */
export function kubeconfigYaml(url: string, caPem: string, token: string): string {
  const ca = Buffer.from(caPem).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: sailctl-loopback',
    '  cluster:',
    `    server: ${url}`,
    `    certificate-authority-data: ${ca}`,
    'users:',
    '- name: sailctl-test',
    '  user:',
    `    token: ${token}`,
    'contexts:',
    '- name: sailctl-loopback',
    '  context:',
    '    cluster: sailctl-loopback',
    '    user: sailctl-test',
    '    namespace: default',
    'current-context: sailctl-loopback',
    'preferences: {}',
    '',
  ].join('\n');
}
