import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startApiServer } from './index.js';

describe('startApiServer', () => {
  // How fast it starts is measured in bench/, not asserted here.
  it('mints its TLS material once per process, writes a kubeconfig, honours the token option', async () => {
    const first = await startApiServer();
    await first.close();
    const s = await startApiServer({ token: 'fixed-token', kubernetesVersion: 'v1.31.0' });
    try {
      expect(s.caPem).toBe(first.caPem);
      expect(s.caPem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
      expect(s.token).not.toBe(first.token);
      expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const kc = parse(readFileSync(s.kubeconfigPath, 'utf8'));
      expect(kc['current-context']).toBe('sailctl-loopback');
      expect(kc.contexts[0].context).toMatchObject({ cluster: 'sailctl-loopback', namespace: 'default' });
      expect(kc.clusters[0].cluster.server).toBe(s.url);
      expect(Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64').toString()).toBe(s.caPem);
      expect(kc.users[0].user.token).toBe('fixed-token');
      expect(s.token).toBe('fixed-token');
    } finally {
      await s.close();
    }
  });
});
