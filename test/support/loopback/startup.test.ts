import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startApiServer } from './index.js';

describe('startApiServer', () => {
  it('starts fast once certificates are cached, writes a kubeconfig, honours the token option', async () => {
    await (await startApiServer()).close();
    const t0 = performance.now();
    const s = await startApiServer({ token: 'fixed-token', kubernetesVersion: 'v1.31.0' });
    const ms = performance.now() - t0;
    try {
      expect(ms).toBeLessThan(200);
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
